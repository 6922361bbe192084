// Same as the playground's: environment-driven, see playground/config/logger.js.
module.exports = require('../../../playground/config/logger.js');
