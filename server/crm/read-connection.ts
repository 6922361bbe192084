/**
 * Reads on a replica (plugin config `readConnection`, docs/architecture.md, "Several nodes, one primary
 * and replicas"): a second knex, owned here, to a PostgreSQL or MySQL/MariaDB server holding a copy of
 * Strapi's database. Every bounded read (bounded.ts: counts, previews, explain, member pages, the
 * snapshots of CSV, `stream()`, Export to List and a watched segment's refresh) runs on it; every write
 * stays on Strapi's connection.
 *
 * The replica's connection starts from the primary's resolved settings (so MySQL's typeCast, the
 * PostgreSQL schema's search_path, the charset... read alike) with the keys the host wrote over them.
 * SQLite has one file and no replica: refused at boot.
 */
import { createRequire } from 'node:module';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { pluginConfig } from '../config/plugin-config';

const connections = new WeakMap<object, Knex>();

/** The replica's knex when `readConnection` is configured (after bootstrap), else undefined: read on Strapi's connection. */
export function readConnectionOf(strapi: Core.Strapi): Knex | undefined {
  return connections.get(strapi);
}

/** Why `readConnection` cannot be used with this database client, or undefined when it can. */
export function readConnectionRefusal(client: string): string | undefined {
  return client === 'sqlite'
    ? 'the segments plugin config readConnection needs PostgreSQL or MySQL/MariaDB; SQLite has a single file and no replica (remove readConnection)'
    : undefined;
}

/**
 * Opens the replica's knex when the config has `readConnection` (the plugin's bootstrap), and checks it
 * answers: a wrong host or database stops the boot rather than every read after it.
 */
export async function openReadConnection(strapi: Core.Strapi): Promise<void> {
  const config = pluginConfig(strapi).readConnection;
  if (!config) return;
  const refusal = readConnectionRefusal(strapi.db.dialect.client as string);
  if (refusal) throw new Error(refusal);
  const primary = strapi.db.connection.client as any;
  const { pool, ...given } = config;
  const schema = strapi.db.getSchemaName();
  const knex = knexFactory()({
    client: primary.config.client,
    connection: { ...primary.connectionSettings, ...given },
    pool: {
      min: 0,
      max: pool?.max ?? 10,
      // Strapi sets the schema per connection (its PostgreSQL dialect), not through knex's searchPath.
      ...(schema && {
        afterCreate: (conn: any, done: (error: Error | null, conn: any) => void) =>
          conn.query(`SET search_path TO "${schema}"`, (error: Error | null) => done(error, conn)),
      }),
    },
  });
  try {
    await knex.raw('SELECT 1');
  } catch (error) {
    await knex.destroy().catch(() => undefined);
    throw new Error(
      `the segments plugin config readConnection (${config.host}:${config.port ?? primary.connectionSettings?.port ?? 'default port'}) does not answer: ${(error as Error).message}`,
      { cause: error },
    );
  }
  connections.set(strapi, knex);
  strapi.log.info(`[segments] reads run on ${config.host}${config.port ? `:${config.port}` : ''} (readConnection); writes on the primary`);
}

/** Closes the replica's connections (the plugin's destroy phase). */
export async function closeReadConnection(strapi: Core.Strapi): Promise<void> {
  const knex = connections.get(strapi);
  connections.delete(strapi);
  await knex?.destroy();
}

/**
 * The knex module Strapi itself uses (a dependency of @strapi/database, not of this plugin), so that
 * the replica's driver is the same module as the primary's, with the type parsers Strapi set on it.
 */
function knexFactory(): (config: Knex.Config) => Knex {
  const from = [process.cwd(), __dirname];
  const pick = (loaded: any) => loaded.knex ?? loaded.default ?? loaded;
  for (const owner of ['@strapi/database', '@strapi/strapi']) {
    try {
      return pick(createRequire(require.resolve(owner, { paths: from }))('knex'));
    } catch {
      // not installed where this app resolves it: the next owner, then knex itself
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- resolved at run time from the host app
  return pick(require(require.resolve('knex', { paths: from })));
}
