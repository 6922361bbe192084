// Same as the playground's: environment-driven, see playground/config/admin.js.
module.exports = require('../../../playground/config/admin.js');
