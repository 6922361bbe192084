// Same as the playground's: environment-driven, see playground/config/database.js.
module.exports = require('../../../playground/config/database.js');
