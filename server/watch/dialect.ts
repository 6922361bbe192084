/**
 * Where the databases differ for watched segments: the lock that lets one node at a time refresh a
 * segment, and the number of rows a statement wrote.
 *
 * - PostgreSQL: `pg_try_advisory_xact_lock`, taken inside the refresh's transaction and released by
 *   its commit or rollback (or by the server when the connection dies).
 * - MySQL/MariaDB: `GET_LOCK` belongs to a session, not a transaction: it is taken on a connection
 *   held for the whole refresh and released after the commit, so no node reads the membership
 *   between the release and the commit. Its name is server-wide: it carries the database's name.
 * - SQLite: one writer at a time. The refresh's first statement is a write, so its transaction holds
 *   the write lock before it reads the membership (a writer in another process past the busy
 *   timeout counts as the lock's holder); within a process, refreshes of one segment queue.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

export type WatchDialect = 'sqlite' | 'postgres' | 'mysql';

export const watchDialect = (strapi: Core.Strapi): WatchDialect => {
  const client = strapi.db.dialect.client as string;
  return client === 'sqlite' ? 'sqlite' : client === 'postgres' ? 'postgres' : 'mysql';
};

/** Rows written by an INSERT or DELETE run through `knex.raw`. */
export function affectedRows(dialect: WatchDialect, result: any): number {
  switch (dialect) {
    case 'sqlite':
      return Number(result?.changes ?? 0);
    case 'postgres':
      return Number(result?.rowCount ?? 0);
    case 'mysql':
      return Number(result?.[0]?.affectedRows ?? 0);
  }
}

/** A namespace for the advisory locks of this plugin (PostgreSQL's two-key form). */
const LOCK_SPACE = 0x5e9e47;

const sameProcess = new Map<string, Promise<unknown>>();

/**
 * Runs `work` in a transaction holding the lock of `segmentId`, or answers `undefined` at once when
 * another node holds it. `beforeTransaction` runs first, under the lock where the database has one
 * outside transactions (SQLite takes its snapshot there, off the single connection); on PostgreSQL
 * it runs inside the transaction, after the lock, on another connection.
 */
export async function withSegmentLock<B, T>(
  strapi: Core.Strapi,
  segmentId: number,
  beforeTransaction: () => Promise<B>,
  work: (trx: Knex.Transaction, before: B) => Promise<T>,
): Promise<T | undefined> {
  const knex = strapi.db.connection;
  switch (watchDialect(strapi)) {
    case 'postgres': {
      const locked = { value: false };
      const result = await knex.transaction(async (trx) => {
        const { rows } = await trx.raw('SELECT pg_try_advisory_xact_lock(?, ?) AS locked', [LOCK_SPACE, segmentId]);
        if (!rows[0].locked) return undefined;
        locked.value = true;
        return work(trx, await beforeTransaction());
      });
      return locked.value ? result : undefined;
    }
    case 'mysql': {
      const connection = await (knex.client as any).acquireConnection();
      const name = `CONCAT('segments_watch_', MD5(CONCAT(DATABASE(), ':', ?)))`;
      try {
        const [rows] = await knex.raw(`SELECT GET_LOCK(${name}, 0) AS locked`, [String(segmentId)]).connection(connection);
        if (Number(rows[0].locked) !== 1) return undefined;
        try {
          const before = await beforeTransaction();
          return await knex.transaction((trx) => work(trx, before), { connection } as any);
        } finally {
          await knex.raw(`SELECT RELEASE_LOCK(${name})`, [String(segmentId)]).connection(connection);
        }
      } finally {
        await (knex.client as any).releaseConnection(connection);
      }
    }
    case 'sqlite': {
      const key = `${segmentId}`;
      const previous = sameProcess.get(key) ?? Promise.resolve();
      const run = previous
        .catch(() => undefined)
        .then(async () => {
          const before = await beforeTransaction();
          try {
            return await knex.transaction((trx) => work(trx, before));
          } catch (error) {
            // Another process writes to the file for longer than the busy timeout: it holds the lock.
            if ((error as { code?: string }).code === 'SQLITE_BUSY') return undefined;
            throw error;
          }
        });
      sameProcess.set(key, run);
      try {
        return await run;
      } finally {
        if (sameProcess.get(key) === run) sameProcess.delete(key);
      }
    }
  }
}
