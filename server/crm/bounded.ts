/**
 * Runs one query under a time budget, so that optional work (explain's per-node counts) gives up
 * instead of holding the editor or a connection. The database enforces the bound where it can:
 *
 * - PostgreSQL: `SET LOCAL statement_timeout` inside a transaction (LOCAL ends with it, so the pooled
 *   connection keeps its own setting); a cancel is SQLSTATE 57014.
 * - MariaDB: the session's `max_statement_time` (seconds) around the query on one pinned connection,
 *   reset afterwards; a stop is errno 1969. MySQL: `max_execution_time` (ms, SELECT only), errno 3024.
 * - SQLite (better-sqlite3) runs a statement synchronously on the main thread and cannot be interrupted:
 *   the bound is checked before the query starts, so callers split their work into small queries and
 *   pass the budget that remains.
 *
 * A budget of 0 or less answers `timeout` without querying (PostgreSQL would read 0 as "no limit").
 */
import type { Core } from '@strapi/strapi';

export type Bounded<T> = { status: 'ok'; value: T } | { status: 'timeout' };

/** A knex query builder or raw query: anything awaitable that can join a transaction. */
export interface BoundableQuery<T> extends PromiseLike<T> {
  transacting(trx: any): BoundableQuery<T>;
}

const POSTGRES_CANCELED = '57014';
const MARIADB_STATEMENT_TIMEOUT = 1969;
const MYSQL_QUERY_TIMEOUT = 3024;

let mariadb: Promise<boolean> | undefined;

function isTimeout(error: unknown): boolean {
  const e = error as { code?: string; errno?: number };
  return e?.code === POSTGRES_CANCELED || e?.errno === MARIADB_STATEMENT_TIMEOUT || e?.errno === MYSQL_QUERY_TIMEOUT;
}

function clientOf(strapi: Core.Strapi): 'sqlite' | 'postgres' | 'mysql' {
  const client = strapi.db.dialect.client as string;
  return client === 'sqlite' ? 'sqlite' : client === 'postgres' ? 'postgres' : 'mysql';
}

/** Whether `runBounded` can stop a query that is already running (false on SQLite). */
export function interruptible(strapi: Core.Strapi): boolean {
  return clientOf(strapi) !== 'sqlite';
}

export async function runBounded<T>(strapi: Core.Strapi, ms: number, query: BoundableQuery<T>): Promise<Bounded<T>> {
  if (!(ms > 0)) return { status: 'timeout' };
  const limit = Math.max(1, Math.ceil(ms));
  const connection = strapi.db.connection;
  try {
    switch (clientOf(strapi)) {
      case 'sqlite':
        return { status: 'ok', value: await query };
      case 'postgres':
        return await connection.transaction(async (trx) => {
          await trx.raw(`SET LOCAL statement_timeout = ${limit}`);
          return { status: 'ok' as const, value: await query.transacting(trx) };
        });
      case 'mysql': {
        mariadb ??= connection.raw('SELECT VERSION() AS v').then(([rows]: any) => /mariadb/i.test(String(rows[0]?.v)));
        const variable = (await mariadb) ? 'max_statement_time' : 'max_execution_time';
        const value = variable === 'max_statement_time' ? (limit / 1000).toFixed(3) : String(limit);
        return await connection.transaction(async (trx) => {
          await trx.raw(`SET SESSION ${variable} = ${value}`);
          try {
            return { status: 'ok' as const, value: await query.transacting(trx) };
          } finally {
            await trx.raw(`SET SESSION ${variable} = DEFAULT`);
          }
        });
      }
    }
  } catch (error) {
    if (isTimeout(error)) return { status: 'timeout' };
    throw error;
  }
}
