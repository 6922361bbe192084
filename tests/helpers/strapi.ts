/**
 * Boots the real playground Strapi app (with the built plugin from dist/) on a fresh database.
 *
 *   DATABASE_CLIENT unset / sqlite → a temp SQLite file under os.tmpdir(), removed on teardown
 *   DATABASE_CLIENT=postgres       → CREATE DATABASE segments_t_… on the server (127.0.0.1:5432, user postgres)
 *   DATABASE_CLIENT=mysql          → CREATE DATABASE segments_t_… CHARACTER SET utf8mb4 (127.0.0.1:3306, root)
 * The server's address and credentials come from DATABASE_HOST / DATABASE_PORT / DATABASE_USERNAME /
 * DATABASE_PASSWORD when set. The database is dropped on teardown.
 *
 * Usage (one Strapi per test file, jest --runInBand):
 *   let t: TestStrapi;
 *   beforeAll(async () => { t = await setupStrapi(); });
 *   afterAll(() => teardownStrapi());
 *   it('...', async () => { await t.request.get('/segments/catalog').set(auth.headers).expect(200); });
 *
 * Strapi's own logging is silenced to `error` (STRAPI_LOG_LEVEL, read by playground/config/logger.js);
 * run with STRAPI_LOG_LEVEL=info (or http, debug) to see it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import supertest from 'supertest';
import type { Core } from '@strapi/strapi';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const PLAYGROUND_DIR = path.join(REPO_ROOT, 'playground');

import { dbClient, serverParams, type DbClient } from '../../playground/scripts/cli';

export { dbClient, type DbClient };
export type Agent = ReturnType<typeof supertest>;

export interface TestStrapi {
  strapi: Core.Strapi;
  /** supertest bound to Strapi's http server (no listen needed): `request.get('/segments/catalog')` */
  request: Agent;
  /** same object as `request` (kept for readability in tests that say "agent") */
  agent: Agent;
  client: DbClient;
  /** SQLite: the absolute file path; postgres/mysql: the database name */
  database: string;
  /** how long createStrapi + load + server.mount took, in ms */
  bootMs: number;
  /** with `browser: true`: where the server listens, e.g. http://127.0.0.1:41234 */
  baseUrl?: string;
}

interface Booted extends TestStrapi {
  dropDatabase: () => Promise<void>;
  previousEnv: Record<string, string | undefined>;
  previousCwd: string;
}

let current: Booted | null = null;

const DEFAULT_ENV: Record<string, string> = {
  APP_KEYS: 'testKeyA,testKeyB',
  ADMIN_JWT_SECRET: 'segments-test-admin-jwt-secret',
  API_TOKEN_SALT: 'segments-test-api-token-salt',
  TRANSFER_TOKEN_SALT: 'segments-test-transfer-token-salt',
  ENCRYPTION_KEY: 'segments-test-encryption-key',
  JWT_SECRET: 'segments-test-jwt-secret',
  STRAPI_LOG_LEVEL: 'error',
  STRAPI_TELEMETRY_DISABLED: 'true',
  STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
  CRON_ENABLED: 'false',
};

function uniqueDbName(): string {
  // lowercase, ≤ 63 chars (PostgreSQL's identifier limit), no quoting surprises
  return `segments_t_${Date.now().toString(36)}_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
}

// `pg` ships no types and @types/pg is not installed: the few calls used here.
interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
}

async function withPg<T>(fn: (c: PgClient) => Promise<T>): Promise<T> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when the tests run on PostgreSQL
  const { Client } = require('pg') as { Client: new (cfg: object) => PgClient };
  const params = serverParams('postgres');
  const c = new Client({ ...params, database: 'postgres' });
  try {
    await c.connect();
  } catch (e) {
    throw new Error(`cannot reach PostgreSQL at ${params.host}:${params.port} as ${params.user}: ${(e as Error).message}`, { cause: e });
  }
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function withMysql<T>(fn: (c: import('mysql2/promise').Connection) => Promise<T>): Promise<T> {
  const mysql = await import('mysql2/promise');
  const params = serverParams('mysql');
  let c: import('mysql2/promise').Connection;
  try {
    c = await mysql.createConnection(params);
  } catch (e) {
    throw new Error(`cannot reach MySQL/MariaDB at ${params.host}:${params.port} as ${params.user}: ${(e as Error).message}`, { cause: e });
  }
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** Creates the fresh database and points the DATABASE_* env vars at it. Returns its name and its drop. */
async function createDatabase(client: DbClient): Promise<{ database: string; drop: () => Promise<void> }> {
  if (client === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segments-test-'));
    const file = path.join(dir, 'data.db');
    process.env.DATABASE_FILENAME = file; // absolute: config/database.js resolves it from dist/config
    return {
      database: file,
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }

  const name = uniqueDbName();
  if (client === 'postgres') {
    await withPg((c) => c.query(`CREATE DATABASE "${name}"`));
    process.env.DATABASE_NAME = name;
    return {
      database: name,
      drop: () => withPg((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
    };
  }

  await withMysql((c) => c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`));
  process.env.DATABASE_NAME = name;
  return {
    database: name,
    drop: () => withMysql((c) => c.query(`DROP DATABASE IF EXISTS \`${name}\``)).then(() => undefined),
  };
}

/**
 * Boots the playground on a fresh database. Call once per test file (beforeAll); pair with teardownStrapi().
 * `env` sets extra environment variables for this boot only (restored on teardown), e.g. plugin AI config.
 */
export async function setupStrapi(
  options: {
    env?: Record<string, string | undefined>;
    /** Runs between Strapi's register and bootstrap phases, e.g. to extend a content type's schema. */
    afterRegister?: (strapi: Core.Strapi) => void | Promise<void>;
    /**
     * Serve the built admin panel (playground/build) and listen on a free loopback port, for browser
     * tests; `baseUrl` is then set.
     */
    browser?: boolean;
    /** The Strapi app to boot: the playground unless told (tests/host-app for the install test). */
    appDir?: string;
  } = {},
): Promise<TestStrapi> {
  const appDir = options.appDir ?? PLAYGROUND_DIR;
  if (current) {
    throw new Error('setupStrapi(): a Strapi is already running in this test file; call teardownStrapi() first');
  }
  const client = dbClient();

  const touched = new Set<string>([
    ...Object.keys(DEFAULT_ENV),
    ...Object.keys(options.env ?? {}),
    'DATABASE_CLIENT',
    'DATABASE_FILENAME',
    'DATABASE_NAME',
  ]);
  const previousEnv: Record<string, string | undefined> = {};
  for (const key of touched) previousEnv[key] = process.env[key];

  for (const [key, value] of Object.entries(DEFAULT_ENV)) {
    if (process.env[key] === undefined || process.env[key] === '') process.env[key] = value;
  }
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  process.env.DATABASE_CLIENT = client;

  const restoreEnv = () => {
    for (const [key, value] of Object.entries(previousEnv)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };

  let db: { database: string; drop: () => Promise<void> };
  try {
    db = await createDatabase(client);
  } catch (e) {
    restoreEnv();
    throw e;
  }

  // Strapi resolves some paths (plugins, public dir) from process.cwd().
  const previousCwd = process.cwd();
  process.chdir(appDir);

  const started = Date.now();
  let strapi: Core.Strapi | undefined;
  try {
    // Required lazily, after chdir, so module-level code in Strapi sees the playground as cwd.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- after the chdir above
    const { createStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
    strapi = createStrapi({
      appDir,
      distDir: appDir,
      autoReload: false,
      serveAdminPanel: Boolean(options.browser),
    });
    // knex prints "Transaction was implicitly committed, do not mix transactions and DDL with MySQL"
    // (console.log) for every schema change Strapi makes on MySQL at boot: expected, and pure noise here.
    // The database is created on first use (in load()), so its knex config can still be adjusted.
    strapi.config.set('database.connection.log', {
      warn: (message: unknown) => {
        if (typeof message === 'string' && message.includes('implicitly committed')) return;

        console.warn(message);
      },
    });
    if (options.afterRegister) {
      // load() is register() + bootstrap(); split here so the hook sees registered, unsynced schemas.
      await strapi.register();
      await options.afterRegister(strapi);
      await strapi.bootstrap();
      (strapi as unknown as { isLoaded: boolean }).isLoaded = true;
    } else {
      await strapi.load();
    }
    // Strapi 5 starts its cron service whatever `server.cron.enabled` says (the setting only adds the
    // app's own `server.cron.tasks`), so the jobs plugins add run anyway: this plugin's refresh of
    // watched segments every minute. The tests boot with cron disabled (CRON_ENABLED=false) and run
    // that task themselves (`watch.tick()`); a tick at a minute boundary once refreshed a segment a
    // test was about to refresh (tests/api.watch.test.ts, "a refresh past the query time bound").
    if (!strapi.config.get('server.cron.enabled', true)) strapi.cron.stop();
    if (options.browser) {
      strapi.config.set('server.host', '127.0.0.1');
      strapi.config.set('server.port', 0);
      await strapi.listen();
    } else {
      await strapi.server.mount();
    }
  } catch (e) {
    await strapi?.destroy().catch(() => undefined);
    process.chdir(previousCwd);
    await db.drop().catch(() => undefined);
    restoreEnv();
    throw e;
  }
  const bootMs = Date.now() - started;

  const request = supertest(strapi.server.httpServer);
  const address = options.browser ? strapi.server.httpServer.address() : null;
  const baseUrl = address && typeof address === 'object' ? `http://127.0.0.1:${address.port}` : undefined;
  current = {
    strapi,
    request,
    agent: request,
    client,
    database: db.database,
    bootMs,
    baseUrl,
    dropDatabase: db.drop,
    previousEnv,
    previousCwd,
  };
  if (process.env.SEGMENTS_TEST_VERBOSE) {
    console.log(`setupStrapi: ${client} ${db.database} booted in ${bootMs} ms`);
  }
  const { dropDatabase: _d, previousEnv: _p, previousCwd: _c, ...publicPart } = current;
  return publicPart;
}

/** The Strapi booted by setupStrapi() in this test file (throws when none). */
export function getTestStrapi(): TestStrapi {
  if (!current) throw new Error('no Strapi running: call setupStrapi() in beforeAll');
  return current;
}

/** Destroys Strapi, drops its database, restores cwd and env. Safe to call when setup failed. */
export async function teardownStrapi(): Promise<void> {
  const booted = current;
  if (!booted) return;
  current = null;
  try {
    await booted.strapi.destroy();
  } finally {
    process.chdir(booted.previousCwd);
    try {
      await booted.dropDatabase();
    } finally {
      for (const [key, value] of Object.entries(booted.previousEnv)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  }
}
