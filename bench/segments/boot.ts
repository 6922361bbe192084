/**
 * Boots the playground Strapi (with the plugin's freshly built dist/) on the scratch database, as
 * tests/helpers/strapi.ts does, but listening on a free loopback port: the HTTP measurement goes
 * through a real socket, as the admin panel's requests do.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PLAYGROUND_DIR = path.join(REPO_ROOT, 'playground');

// The secrets Strapi refuses to start without; a bench instance only lives for the run.
const ENV: Record<string, string> = {
  APP_KEYS: 'benchKeyA,benchKeyB',
  ADMIN_JWT_SECRET: 'segments-bench-admin-jwt-secret',
  API_TOKEN_SALT: 'segments-bench-api-token-salt',
  TRANSFER_TOKEN_SALT: 'segments-bench-transfer-token-salt',
  ENCRYPTION_KEY: 'segments-bench-encryption-key',
  JWT_SECRET: 'segments-bench-jwt-secret',
  STRAPI_LOG_LEVEL: 'error',
  STRAPI_TELEMETRY_DISABLED: 'true',
  STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
  CRON_ENABLED: 'false',
};

/**
 * The playground loads the plugin from the repository's dist/: a stale build would bench old code,
 * a missing one an empty plugin (Strapi says nothing). SEGMENTS_SKIP_BUILD=1 skips it, as for jest.
 */
export function buildPlugin(): void {
  if (process.env.SEGMENTS_SKIP_BUILD === '1' || process.env.SEGMENTS_SKIP_BUILD === 'true') return;
  const result = spawnSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'strapi-plugin'), ['build'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new Error(
      `strapi-plugin build failed (exit ${result.status ?? result.error?.message}):\n${result.stdout ?? ''}${result.stderr ?? ''}`,
    );
  }
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'server', 'index.js')))
    throw new Error('the plugin build produced no dist/server/index.js');
}

export interface Booted {
  strapi: Core.Strapi;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
}

export async function bootStrapi(client: string): Promise<Booted> {
  for (const [key, value] of Object.entries(ENV)) if (!process.env[key]) process.env[key] = value;
  process.env.DATABASE_CLIENT = client;
  // Strapi resolves some paths (plugins, public dir) from the working directory.
  process.chdir(PLAYGROUND_DIR);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- after the chdir: Strapi reads the working directory as it loads
  const { createStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
  const strapi = createStrapi({ appDir: PLAYGROUND_DIR, distDir: PLAYGROUND_DIR, autoReload: false, serveAdminPanel: false });
  // knex logs "Transaction was implicitly committed" for each schema change on MySQL at boot: noise.
  strapi.config.set('database.connection.log', {
    warn: (message: unknown) => {
      if (typeof message === 'string' && message.includes('implicitly committed')) return;
      console.warn(message);
    },
  });
  try {
    await strapi.load();
    if (!strapi.plugin('segments')?.service('segments'))
      throw new Error('the segments plugin loaded without its service (is dist/ built?)');
    strapi.config.set('server.host', '127.0.0.1');
    strapi.config.set('server.port', 0);
    strapi.config.set('server.logger.startup.enabled', false); // the boot banner would split the bench's output
    // The bench measures how long a read takes, not where the bound stops it: a slow tree on a busy
    // machine must not end the run with a 503.
    strapi.config.set('plugin::segments.queryTimeoutMs', 600_000);
    await strapi.listen();
  } catch (e) {
    await strapi.destroy().catch(() => undefined);
    throw e;
  }
  const address = strapi.server.httpServer.address();
  if (!address || typeof address !== 'object') throw new Error('Strapi is not listening');
  return { strapi, baseUrl: `http://127.0.0.1:${address.port}` };
}

/**
 * A super admin and its session token. Admin auth is session based since Strapi 5.24 (a JWT signed
 * by hand is refused), so the user is created through Strapi's service and logs in over HTTP.
 */
export async function adminToken(strapi: Core.Strapi, baseUrl: string): Promise<string> {
  const role = await strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } });
  if (!role) throw new Error('no super admin role');
  const email = `bench-${crypto.randomBytes(4).toString('hex')}@segments.test`;
  const password = `Bench-${crypto.randomBytes(6).toString('hex')}-Passw0rd`;
  await (strapi.service('admin::user') as any).create({
    email,
    firstname: 'Bench',
    lastname: 'Admin',
    password,
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
  const res = await fetch(`${baseUrl}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await res.json()) as { data?: { token?: string } };
  if (res.status !== 200 || !body.data?.token) throw new Error(`POST /admin/login answered ${res.status}: ${JSON.stringify(body)}`);
  return body.data.token;
}
