/**
 * A signal that a read is running, for tests that send a request while it does:
 * - PostgreSQL: the server lists the statement as active (`pg_stat_activity`);
 * - MySQL/MariaDB: the server lists it as a running query (`information_schema.PROCESSLIST`);
 * - SQLite: the read has been handed to one of the plugin's worker threads (server/crm/bounded.ts),
 *   which runs it as soon as it gets it (the pool hands a read only to an idle worker).
 * The read is told apart by `marker`, a piece of its SQL text (a column only it reads, say): on
 * PostgreSQL the text the server shows has placeholders where the values are.
 */
import { Worker } from 'node:worker_threads';
import type { Core } from '@strapi/strapi';
import { until } from './until';

export interface ReadWatch {
  /** Resolves once the read is seen running. */
  running: Promise<void>;
  /** Stops watching (on SQLite: takes the spy off the workers). */
  stop(): void;
}

/** Starts watching for a read whose SQL contains `marker`: call it before sending the request that runs it. */
export function watchForRead(strapi: Core.Strapi, marker: string): ReadWatch {
  const client = strapi.db.dialect.client as string;
  if (client === 'sqlite') {
    // Strapi runs in this process, so its workers are this module's Worker class.
    const post = Worker.prototype.postMessage;
    let seen = false;
    Worker.prototype.postMessage = function (this: Worker, message: any, ...rest: any[]) {
      // The marker may be in a saved segment staged before the read (its prelude).
      const texts: unknown[] = [
        message?.sql,
        ...(Array.isArray(message?.prelude) ? message.prelude.map((p: { sql?: unknown }) => p.sql) : []),
      ];
      if (texts.some((sql) => typeof sql === 'string' && sql.includes(marker))) seen = true;
      return (post as (...args: any[]) => void).call(this, message, ...rest);
    };
    const running = until(`a read mentioning "${marker}" handed to a worker thread`, () => seen, { everyMs: 5 }).then(() => undefined);
    return { running, stop: () => (Worker.prototype.postMessage = post) };
  }
  const active = async () => (await runningStatements(strapi, marker)) > 0;
  let stopped = false;
  const running = until(`a read mentioning "${marker}" running on ${client}`, () => stopped || active(), { everyMs: 10 }).then(
    () => undefined,
  );
  return { running, stop: () => (stopped = true) };
}

/** How many statements whose SQL contains `marker` the server is running now (PostgreSQL, MySQL/MariaDB), besides this one. */
export async function runningStatements(strapi: Core.Strapi, marker: string): Promise<number> {
  const knex = strapi.db.connection;
  const like = `%${marker}%`;
  if ((strapi.db.dialect.client as string) === 'postgres') {
    const { rows } = await knex.raw(
      `SELECT COUNT(*) AS n FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND query LIKE ?`,
      [like],
    );
    return Number(rows[0].n);
  }
  const [rows] = await knex.raw(
    `SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST
     WHERE DB = DATABASE() AND ID <> CONNECTION_ID() AND COMMAND = 'Query' AND INFO LIKE ?`,
    [like],
  );
  return Number(rows[0].n);
}
