const path = require('path');

// The plugin under development is loaded from the repository root (its built dist/).
module.exports = () => ({
  segments: {
    enabled: true,
    resolve: path.resolve(__dirname, '..', '..'),
    config: {},
  },
});
