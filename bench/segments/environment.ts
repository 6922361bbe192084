/** What the numbers were measured on, for the JSON (and the report's heading). */
import { execSync } from 'node:child_process';
import os from 'node:os';
import type { Core } from '@strapi/strapi';
import type { DbClient } from './options';

export interface Environment {
  database: DbClient;
  serverVersion: string;
  node: string;
  os: string;
  cpus: string;
  memoryGb: number;
  commit?: string;
  date: string;
}

async function serverVersion(strapi: Core.Strapi, client: DbClient): Promise<string> {
  const knex = strapi.db.connection;
  if (client === 'sqlite') return `SQLite ${((await knex.raw('select sqlite_version() as v')) as any[])[0].v}`;
  if (client === 'postgres') {
    // The server's JIT setting; the plugin's reads and the hand SQL both run with jit = off.
    const version = (await knex.raw('show server_version')).rows[0].server_version;
    const jit = (await knex.raw('show jit')).rows[0].jit;
    return `PostgreSQL ${version} (server jit ${jit}; reads with jit off)`;
  }
  return String(((await knex.raw('select version() as v')) as any)[0][0].v);
}

export async function environment(strapi: Core.Strapi, client: DbClient, repoRoot: string): Promise<Environment> {
  let commit: string | undefined;
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    commit = undefined; // not a git checkout: the JSON simply has no commit
  }
  const cpus = os.cpus();
  return {
    database: client,
    serverVersion: await serverVersion(strapi, client),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpus: `${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    commit,
    date: new Date().toISOString(),
  };
}
