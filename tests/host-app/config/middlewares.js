const path = require('path');

// The playground's stack, with Strapi's required favicon read from the playground.
module.exports = require('../../../playground/config/middlewares.js').map((name) =>
  name === 'strapi::favicon' ? { name, config: { path: path.resolve(__dirname, '../../../playground/favicon.png') } } : name,
);
