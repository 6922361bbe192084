// Same as the playground's: environment-driven, see playground/config/server.js.
module.exports = require('../../../playground/config/server.js');
