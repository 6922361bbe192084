/**
 * Runs a read under a time bound, so that no segment, however heavy, holds the server: past the
 * bound the database stops the statement and the caller gets a QueryTimeoutError (the API answers
 * 503 with what to do).
 *
 * - PostgreSQL: `SET LOCAL statement_timeout` inside a transaction (it ends with the transaction).
 * - MariaDB: `SET STATEMENT max_statement_time=<s> FOR <statement>`; MySQL: the session's
 *   `max_execution_time`, set and reset inside a transaction (the connection is pinned there).
 * The transaction is the read's own, or a caller's (`within`, where the settings are put back after
 * the read): one way for both.
 * - SQLite: better-sqlite3 is synchronous and has neither an interrupt nor a progress handler, so a
 *   long read would freeze the whole process. The read runs in a worker thread with its own
 *   read-only connection to the same file (the engine's `segments_lower` registered there too);
 *   past the bound the worker is terminated. The main thread keeps serving requests meanwhile.
 *   An in-memory database cannot be opened twice: there the read runs unbounded on Strapi's
 *   connection.
 * Shared saved segments are staged into temporary tables before the read on SQLite and MariaDB
 * (execution.ts, `segmentStaging`): on the worker's connection, or in the read's transaction; the
 * bound covers the staging and the read together.
 * What each database is sent for its bound and its staging is decided in execution.ts; this file runs it.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { SQLITE_LOWER } from '../engine/sql';
import { boundedRead, segmentStaging, type Server } from './execution';
import { readConnectionOf } from './read-connection';
import { lowerSource } from './sqlite-functions';

export class QueryTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`the query took longer than ${ms} ms`);
    this.name = 'QueryTimeoutError';
  }
}

/** The caller gave up (an editor's tree changed, the admin left): the statement was stopped on the server. */
export class QueryCancelledError extends Error {
  constructor() {
    super('the query was cancelled');
    this.name = 'QueryCancelledError';
  }
}

/** Anything knex can compile: a query builder or a raw query. */
export interface Compilable {
  toSQL(): { sql: string; bindings: readonly unknown[] } | { sql: string; bindings: readonly unknown[] }[];
}

type Row = Record<string, any>;

/** A saved segment to stage before the read: a table `name` filled with the ids `sql` selects. */
export interface StagedSegment {
  name: string;
  sql: string;
  bindings: readonly unknown[];
}

const servers = new WeakMap<object, Promise<Server>>();
const sqlitePools = new WeakMap<object, SqlitePool>();

/**
 * The rows of `query`, read within `ms` milliseconds or a QueryTimeoutError; `staged` segments (see
 * `stagesSegments`) are filled first, in order, and dropped after. `within`: run it in that
 * transaction (a refresh's write of its audience) rather than one of its own, its settings restored
 * after for the transaction's other statements; past the bound, that transaction is aborted with it on
 * PostgreSQL. Not on SQLite, whose bounded reads run on a worker's own connection.
 */
export async function runBounded<T extends Row = Row>(
  strapi: Core.Strapi,
  ms: number,
  query: Compilable,
  staged: readonly StagedSegment[] = [],
  { within, signal, snapshot }: BoundedOptions = {},
): Promise<T[]> {
  if (signal?.aborted) throw new QueryCancelledError();
  const compiled = query.toSQL();
  const { sql, bindings } = Array.isArray(compiled) ? compiled[0] : compiled;
  // On the replica when there is one (plugin config readConnection); `within` is the caller's, on the primary.
  const knex = readConnectionOf(strapi) ?? strapi.db.connection;
  const server = await serverOf(strapi);
  if (within && server === 'sqlite')
    throw new Error(`a bounded read on SQLite runs on its worker's connection, never within a transaction`);
  if (snapshot && (within || server !== 'postgres'))
    throw new Error(
      `a read's snapshot is PostgreSQL's, in a transaction of the read's own (not ${within ? 'a caller transaction' : server})`,
    );
  const staging = staged.length > 0 ? segmentStaging(server) : undefined;
  if (staged.length > 0 && (!staging || (server === 'sqlite' && !sqlitePool(strapi)))) {
    throw new Error(`segments cannot be staged on this ${server} connection`);
  }
  const names = staged.map((s) => s.name);
  const fills = staged.flatMap((segment) =>
    staging!.fill(segment.name, segment.sql).map((sql, i, all) => ({ sql, bindings: i === all.length - 1 ? segment.bindings : [] })),
  );
  if (server === 'sqlite') {
    const pool = sqlitePool(strapi);
    const prelude = staging
      ? [...staging.drop(names), ...staging.before, ...fills].map((p) => (typeof p === 'string' ? { sql: p, bindings: [] } : p))
      : [];
    const cleanup = staging ? [...staging.drop(names), ...staging.after] : [];
    return pool
      ? ((await pool.run({ prelude, sql, bindings, cleanup }, ms, signal)) as T[])
      : ((await knex.raw(sql, bindings as any[])) as T[]);
  }
  // The statements of a cancellable read carry a tag, so that a cancel finds them and nothing else
  // (the connection may have moved on to another read by the time the cancel arrives).
  const tag = signal ? `/* segments-read ${randomUUID()} */ ` : '';
  const deadline = performance.now() + ms;
  const bound = () => boundedRead(server, Math.max(1, deadline - performance.now()));
  const first = bound();
  const read = async (trx: Knex.Transaction): Promise<T[]> => {
    if (signal?.aborted) throw new QueryCancelledError();
    if (snapshot) {
      // Before any other statement: REPEATABLE READ takes its snapshot at the first one, and every
      // statement of the read then sees the data of the snapshot shown to the caller.
      await trx.raw('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      snapshot((await trx.raw('SELECT pg_current_snapshot()::text AS snapshot')).rows[0].snapshot);
    }
    const stop = signal ? await cancellation(knex, trx, server, tag, signal) : undefined;
    for (const statement of first.before) await trx.raw(statement);
    let rows: T[];
    try {
      const given = () => {
        if (signal?.aborted) throw new QueryCancelledError();
      };
      if (staging) {
        for (const statement of [...staging.drop(names), ...staging.before]) await trx.raw(statement);
        for (const fill of fills) {
          given();
          await trx.raw(tag + bound().wrap(fill.sql), fill.bindings as any[]);
        }
      }
      given();
      const result = await trx.raw(tag + bound().wrap(sql), bindings as any[]);
      rows = server === 'postgres' ? result.rows : result[0];
    } finally {
      stop?.();
      // Temporary tables and session settings outlive the transaction on the pooled connection.
      if (staging) for (const statement of [...staging.drop(names), ...staging.after]) await trx.raw(statement);
      for (const statement of first.after) await trx.raw(statement);
    }
    if (within) for (const statement of first.restore) await trx.raw(statement);
    return rows;
  };
  try {
    return await (within ? read(within) : knex.transaction(read));
  } catch (error) {
    // A cancelled statement fails like a timed-out one on PostgreSQL (57014): the signal tells them apart.
    if (signal?.aborted) throw new QueryCancelledError();
    if (first.isTimeout(error)) throw new QueryTimeoutError(ms);
    throw error;
  }
}

/**
 * Arms `signal` to cancel the tagged statements `trx` runs, from another connection of `knex` (the
 * same server: the replica when reads go there); returns the disarm. The cancel names the
 * connection and the tag, so it stops nothing but this read.
 */
async function cancellation(
  knex: Knex,
  trx: Knex.Transaction,
  server: Exclude<Server, 'sqlite'>,
  tag: string,
  signal: AbortSignal,
): Promise<() => void> {
  const postgres = server === 'postgres';
  const id = postgres
    ? Number((await trx.raw('SELECT pg_backend_pid() AS id')).rows[0].id)
    : Number((await trx.raw('SELECT CONNECTION_ID() AS id'))[0][0].id);
  const like = `${tag}%`; // a UUID: nothing in it that LIKE reads as a wildcard
  const cancelOnce = async () => {
    if (postgres) {
      await knex.raw(`SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE pid = ? AND state = 'active' AND query LIKE ?`, [id, like]);
      return;
    }
    const [running] = await knex.raw(`SELECT ID FROM information_schema.PROCESSLIST WHERE ID = ? AND INFO LIKE ?`, [id, like]);
    if (running.length > 0) await knex.raw(`KILL QUERY ${Math.trunc(id)}`);
  };
  // Sent again until the read ends: PostgreSQL drops a cancel that arrives while the backend is still
  // reading the statement's messages (it shows the statement active from its Parse message on), and
  // a statement may not have started when the first cancel is sent.
  let armed = true;
  const onAbort = async () => {
    while (armed) {
      await cancelOnce().catch(() => undefined);
      if (armed) await new Promise((resolve) => setTimeout(resolve, CANCEL_RETRY_MS));
    }
  };
  signal.addEventListener('abort', onAbort, { once: true });
  return () => {
    armed = false;
    signal.removeEventListener('abort', onAbort);
  };
}

const CANCEL_RETRY_MS = 25;

export interface BoundedOptions {
  /** Run in this transaction (see runBounded). */
  within?: Knex.Transaction;
  /**
   * Stops the read when it aborts, with a QueryCancelledError: the running statement is cancelled on
   * the server (PostgreSQL `pg_cancel_backend`, MySQL/MariaDB `KILL QUERY`, from another connection),
   * SQLite's worker is terminated, and a read still waiting for a worker leaves the line. Not an
   * in-memory SQLite database's read, which runs on the main thread: nothing can interrupt it.
   */
  signal?: AbortSignal;
  /**
   * PostgreSQL only: the read runs in a REPEATABLE READ transaction whose snapshot (`pg_current_snapshot()`
   * as text) is given to this first. Two reads given the same text saw the same data. To stop the
   * read (its snapshot is not the one expected), throw.
   */
  snapshot?: (seen: string) => void;
}

export type Bounded<T> = { status: 'ok'; value: T } | { status: 'timeout' };

/**
 * For optional work (explain's per-node counts): the rows within `ms`, or `timeout` instead of an
 * error. A budget of 0 or less asks nothing (PostgreSQL would read 0 as "no limit"). Given up
 * through `signal`: a QueryCancelledError, as from runBounded.
 */
export async function withinBudget<T extends Row = Row>(
  strapi: Core.Strapi,
  ms: number,
  query: Compilable,
  staged: readonly StagedSegment[] = [],
  signal?: AbortSignal,
): Promise<Bounded<T[]>> {
  if (!(ms > 0)) return { status: 'timeout' };
  try {
    return { status: 'ok', value: await runBounded<T>(strapi, Math.max(1, Math.ceil(ms)), query, staged, { signal }) };
  } catch (error) {
    if (error instanceof QueryTimeoutError) return { status: 'timeout' };
    throw error;
  }
}

/** Whether a running statement can be stopped: SQLite reads stop only with their worker (never in memory). */
export function interruptible(strapi: Core.Strapi): boolean {
  return (strapi.db.dialect.client as string) !== 'sqlite' || sqlitePool(strapi) !== undefined;
}

/**
 * Whether reads here stage shared segments into temporary tables (execution.ts, `segmentStaging`) rather
 * than put them in a WITH clause: SQLite through its read workers (an in-memory database has none),
 * and MariaDB.
 */
export async function stagesSegments(strapi: Core.Strapi): Promise<boolean> {
  const server = await serverOf(strapi);
  if (!segmentStaging(server)) return false;
  return server !== 'sqlite' || sqlitePool(strapi) !== undefined;
}

/** Ends the SQLite workers of this Strapi (the plugin's destroy phase). */
export async function stopBoundedWorkers(strapi: Core.Strapi): Promise<void> {
  const pool = sqlitePools.get(strapi);
  sqlitePools.delete(strapi);
  await pool?.stop();
}

/** The database server behind this Strapi (MariaDB and MySQL told apart). */
export function serverOf(strapi: Core.Strapi): Promise<Server> {
  let server = servers.get(strapi);
  if (!server) {
    const client = strapi.db.dialect.client as string;
    server =
      client === 'sqlite'
        ? Promise.resolve('sqlite' as const)
        : client === 'postgres'
          ? Promise.resolve('postgres' as const)
          : strapi.db.connection
              .raw('SELECT VERSION() AS version')
              .then((result: any) => (/mariadb/i.test(String(result[0][0].version)) ? 'mariadb' : 'mysql') as Server);
    servers.set(strapi, server);
  }
  return server;
}

function sqlitePool(strapi: Core.Strapi): SqlitePool | undefined {
  if (sqlitePools.has(strapi)) return sqlitePools.get(strapi);
  const filename = (strapi.db.connection.client as any).config?.connection?.filename as string | undefined;
  const pool = filename && filename !== ':memory:' && !filename.startsWith('file::memory:') ? new SqlitePool(filename) : undefined;
  if (pool) sqlitePools.set(strapi, pool);
  return pool;
}

/**
 * The worker's whole program: open the file read-only (temporary tables are still allowed), answer
 * { id, prelude, sql, bindings, cleanup } with the rows of `sql`, run after the prelude's statements.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filename, { readonly: true, fileMustExist: true });
db.function(workerData.lowerName, { deterministic: true }, ${lowerSource});
parentPort.on('message', ({ id, prelude, sql, bindings, cleanup }) => {
  try {
    for (const statement of prelude) db.prepare(statement.sql).run(...statement.bindings);
    parentPort.postMessage({ id, rows: db.prepare(sql).all(...bindings) });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: error.message, code: error.code } });
  } finally {
    for (const statement of cleanup) db.exec(statement);
  }
});
`;

interface Statement {
  sql: string;
  bindings: readonly unknown[];
}

interface Read extends Statement {
  prelude: Statement[];
  cleanup: string[];
}

interface Job {
  read: Read;
  ms: number;
  signal?: AbortSignal;
  resolve: (rows: Row[]) => void;
  reject: (error: Error) => void;
}

/**
 * A few workers, each running one read at a time; more reads wait in line (their bound starts when
 * they start). A worker past its bound is terminated and replaced on demand.
 */
class SqlitePool {
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  private readonly queue: Job[] = [];
  private readonly size = Math.max(2, Math.min(4, os.availableParallelism?.() ?? 2));
  private nextId = 0;

  constructor(private readonly filename: string) {}

  run(read: Read, ms: number, signal?: AbortSignal): Promise<Row[]> {
    // As knex's better-sqlite3 client binds them (dates as epoch milliseconds, booleans as 0/1).
    const values = (bindings: readonly unknown[]) =>
      bindings.map((b) => (b instanceof Date ? b.valueOf() : typeof b === 'boolean' ? Number(b) : b));
    const job: Read = {
      ...read,
      bindings: values(read.bindings),
      prelude: read.prelude.map((p) => ({ sql: p.sql, bindings: values(p.bindings) })),
    };
    return new Promise((resolve, reject) => {
      const queued: Job = { read: job, ms, signal, resolve, reject };
      // Given up while waiting for a worker: it leaves the line (a running read is stopped in start()).
      signal?.addEventListener(
        'abort',
        () => {
          const at = this.queue.indexOf(queued);
          if (at < 0) return;
          this.queue.splice(at, 1);
          reject(new QueryCancelledError());
        },
        { once: true },
      );
      this.queue.push(queued);
      this.drain();
    });
  }

  async stop(): Promise<void> {
    const workers = [...this.all];
    this.all.clear();
    this.idle.length = 0;
    for (const job of this.queue.splice(0)) job.reject(new Error('Strapi is shutting down'));
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private drain() {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.all.size < this.size ? this.spawn() : undefined);
      if (!worker) return;
      this.start(worker, this.queue.shift()!);
    }
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver: require.resolve('better-sqlite3', { paths: [process.cwd(), __dirname] }),
        filename: this.filename,
        lowerName: SQLITE_LOWER,
      },
    });
    // Idle workers must not keep the process alive.
    worker.unref();
    this.all.add(worker);
    return worker;
  }

  private start(worker: Worker, job: Job) {
    const id = (this.nextId += 1);
    const finish = (outcome: () => void, reusable: boolean) => {
      clearTimeout(timer);
      job.signal?.removeEventListener('abort', onAbort);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (reusable && this.all.has(worker)) this.idle.push(worker);
      else {
        this.all.delete(worker);
        void worker.terminate();
      }
      outcome();
      this.drain();
    };
    const onMessage = (message: { id: number; rows?: Row[]; error?: { message: string; code?: string } }) => {
      if (message.id !== id) return;
      if (message.error) {
        const error = Object.assign(new Error(message.error.message), { code: message.error.code });
        finish(() => job.reject(error), true);
      } else finish(() => job.resolve(message.rows!), true);
    };
    const onError = (error: Error) => finish(() => job.reject(error), false);
    const onExit = () => finish(() => job.reject(new Error('the SQLite query worker stopped')), false);
    const timer = setTimeout(() => finish(() => job.reject(new QueryTimeoutError(job.ms)), false), job.ms);
    // A worker cannot be interrupted mid-statement: one whose read is given up is terminated, like one past its bound.
    const onAbort = () => finish(() => job.reject(new QueryCancelledError()), false);
    job.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ id, ...job.read });
  }
}
