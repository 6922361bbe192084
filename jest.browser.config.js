/**
 * Browser tests of the admin pages: headless Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core) against the playground served with its built admin panel. Run with
 * `npm run test:browser`, which first builds the plugin and the panel when they are stale.
 */
const shared = require('./jest.shared');

/** @type {import('jest').Config} */
module.exports = {
  ...shared,
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['<rootDir>/tests/browser/**/*.browser.ts'],
  // The panel and the plugin were built by the npm script; nothing to build here.
  testTimeout: 180_000,
  verbose: true,
};
