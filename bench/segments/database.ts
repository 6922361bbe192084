/**
 * A fresh database for one bench run, and its removal: a new SQLite file in a temp dir, or a scratch
 * database `segments_bench_<pid>` on the PostgreSQL / MariaDB server at 127.0.0.1 (DATABASE_HOST,
 * DATABASE_PORT, DATABASE_USERNAME, DATABASE_PASSWORD override, as for the tests). The playground's
 * config/database.js reads the DATABASE_* variables set here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import type { DbClient } from './options';
import { serverParams } from '../../playground/scripts/cli';

export interface ScratchDatabase {
  /** the SQLite file, or the database name */
  name: string;
  drop: () => Promise<void>;
}

/** Runs one statement on the server's maintenance connection (not inside the scratch database). */
async function onServer(client: 'postgres' | 'mysql', sql: string): Promise<void> {
  const params = serverParams(client);
  const knex = knexFactory({
    client: client === 'postgres' ? 'pg' : 'mysql2',
    connection: { ...params, ...(client === 'postgres' ? { database: 'postgres' } : {}) },
    pool: { min: 0, max: 1 },
  });
  try {
    await knex.raw(sql);
  } catch (e) {
    throw new Error(`${client} at ${params.host}:${params.port} as ${params.user}: ${(e as Error).message}`, { cause: e });
  } finally {
    await knex.destroy();
  }
}

export async function createScratchDatabase(client: DbClient): Promise<ScratchDatabase> {
  if (client === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segments-bench-'));
    const file = path.join(dir, 'bench.db');
    // absolute: config/database.js resolves a relative name from the playground
    process.env.DATABASE_FILENAME = file;
    return { name: file, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `segments_bench_${process.pid}`;
  if (client === 'postgres') {
    await onServer(client, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await onServer(client, `CREATE DATABASE "${name}"`);
  } else {
    await onServer(client, `DROP DATABASE IF EXISTS \`${name}\``);
    await onServer(client, `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
  }
  process.env.DATABASE_NAME = name;
  return {
    name,
    drop: () =>
      onServer(client, client === 'postgres' ? `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)` : `DROP DATABASE IF EXISTS \`${name}\``),
  };
}

/** A database an earlier `--keep` run left, used as it is: nothing created, nothing dropped. */
export function existingDatabase(client: DbClient, name: string): ScratchDatabase {
  if (client === 'sqlite') {
    if (!fs.existsSync(name)) throw new Error(`--reuse: no SQLite file at ${name}`);
    process.env.DATABASE_FILENAME = path.resolve(name);
  } else process.env.DATABASE_NAME = name;
  return { name, drop: async () => undefined };
}
