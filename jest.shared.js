/** Transform and module settings shared by jest.config.js (server and admin projects) and jest.browser.config.js. */
const swc = (tsx) => [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx, decorators: false },
      transform: tsx ? { react: { runtime: 'automatic' } } : undefined,
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

module.exports = {
  transform: {
    '^.+\\.ts$': swc(false),
    '^.+\\.tsx$': swc(true),
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  // The build output and the playground are loaded by Strapi at runtime, never as test modules.
  // The host app's node_modules holds the packed plugin (tests/host-app.test.ts).
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/playground/dist/', '<rootDir>/playground/.strapi/', '<rootDir>/tests/host-app/'],
};
