const path = require('path');

// The plugin under development is loaded from the repository root (its built dist/).
// SEGMENTS_TIME_ZONE sets the plugin's `timeZone` (tests boot with it; tests/api.time-zone.test.ts).
// SEGMENTS_READ_CONNECTION (JSON) sets its `readConnection`, the replica reads run on (tests/api.replica.test.ts).
// SEGMENTS_EDIT_CACHE_SECONDS sets its `editCacheSeconds` (the bench's edits with the editor's cache off: 0).
module.exports = () => ({
  segments: {
    enabled: true,
    resolve: path.resolve(__dirname, '..', '..'),
    config: {
      ...(process.env.SEGMENTS_TIME_ZONE && { timeZone: process.env.SEGMENTS_TIME_ZONE }),
      ...(process.env.SEGMENTS_READ_CONNECTION && { readConnection: JSON.parse(process.env.SEGMENTS_READ_CONNECTION) }),
      ...(process.env.SEGMENTS_EDIT_CACHE_SECONDS && { editCacheSeconds: Number(process.env.SEGMENTS_EDIT_CACHE_SECONDS) }),
    },
  },
});
