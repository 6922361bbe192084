// Strapi 5 builds its winston logger from this file (merged over level 'http', pretty console output).
// STRAPI_LOG_LEVEL lets the tests (and anyone debugging) choose the verbosity: error, warn, info, http, debug.
module.exports = ({ env }) => ({
  level: env('STRAPI_LOG_LEVEL', 'http'),
});
