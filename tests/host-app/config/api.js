// Same as the playground's: environment-driven, see playground/config/api.js.
module.exports = require('../../../playground/config/api.js');
