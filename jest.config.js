/**
 * Jest for the plugin, two projects:
 * - `server`: pure unit tests (`server/**\/*.test.ts`, `shared/**\/*.test.ts`) and integration tests (`tests/**\/*.test.ts`) that boot the
 *   real playground Strapi app against SQLite (default), PostgreSQL or MySQL/MariaDB (DATABASE_CLIENT=postgres|mysql).
 *   Run with --runInBand: every integration file boots its own Strapi on a fresh database (tests/helpers/strapi.ts),
 *   and Strapi is not meant to share a process with a second copy.
 * - `admin`: component tests of the panel (`admin/**\/*.test.tsx`) in jsdom with React Testing Library.
 */
const shared = require('./jest.shared');

/**
 * tests/api.replica.test.ts starts its own PostgreSQL primary and streaming replica: it belongs to the
 * PostgreSQL run only, and is not collected in the SQLite and MySQL runs (the same names as dbClient()).
 */
const onPostgres = /^(postgres|postgresql|pg)$/i.test(process.env.DATABASE_CLIENT || '');

const server = {
  ...shared,
  displayName: 'server',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests', '<rootDir>/server', '<rootDir>/shared'],
  testMatch: ['<rootDir>/tests/**/*.test.ts', '<rootDir>/server/**/*.test.ts', '<rootDir>/shared/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...(onPostgres ? [] : ['<rootDir>/tests/api\\.replica\\.test\\.ts$'])],
  globalSetup: '<rootDir>/tests/setup/global-setup.ts',
};

/** react-dnd (Strapi's copy, which the builder drags with) ships ES modules only; compile it for jest's CommonJS. */
const ESM_ONLY = ['react-dnd', 'dnd-core', '@react-dnd', 'react-dnd-html5-backend'];

const admin = {
  ...shared,
  transform: {
    ...shared.transform,
    '^.+\\.m?js$': ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  displayName: 'admin',
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/admin'],
  testMatch: ['<rootDir>/admin/**/*.test.tsx', '<rootDir>/admin/**/*.test.ts'],
  setupFilesAfterEnv: ['<rootDir>/admin/test/setup.ts'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [server, admin],
  testTimeout: 120_000,
  // A Strapi boot writes a lot; keep failures readable.
  verbose: true,
};
