/**
 * How the plugin runs the engine's statements on each database server: execution policy, as opposed
 * to the SQL the engine writes (server/engine/sql.ts, one dialect file for that). Here: the time bound
 * of a read and the settings it runs under, when shared saved segments are staged into temporary
 * tables and the session settings around that, and how many copies of segments a statement that is
 * not staged may carry. server/crm/bounded.ts runs reads with them.
 *
 * Staging is split between the two: the statements of a temporary table of ids (create and fill it,
 * drop it) are SQL, each dialect's, written by the engine (`SqlDialect.idTable`, `dropIdTables`);
 * which servers stage, on which connection, in what order, under which session settings, is decided
 * here and in bounded.ts.
 *
 * A server is more than a dialect: MariaDB and MySQL share the engine's `mysql` SQL but bound
 * statements differently, and only MariaDB plans every reference to a CTE apart.
 */
import { SqlDialect } from '../engine/sql';

/** The database server behind a dialect: MySQL and MariaDB told apart. */
export type Server = 'sqlite' | 'postgres' | 'mysql' | 'mariadb';

/** What a read of the engine's SQL is run with on a server, under a bound of some milliseconds. */
export interface BoundedRead {
  /** Run first, in the read's transaction. */
  before: string[];
  /** Run after the read in the same transaction, whatever happened to it: resets what outlives the transaction. */
  after: string[];
  /**
   * Within a longer transaction, after the read succeeded: puts back the session's settings for the
   * transaction's other statements (a failed read aborts the transaction on PostgreSQL: nothing more runs in it).
   */
  restore: string[];
  /** The statement as sent (each staged fill as well). */
  wrap(sql: string): string;
  /** Whether an error is the server's "statement cancelled: too long". */
  isTimeout(error: unknown): boolean;
}

/**
 * How a read runs on a server: bounded to `ms` (SQLite has no SQL for it: bounded.ts runs its reads
 * in a worker it can terminate), and on PostgreSQL without JIT.
 */
export function boundedRead(server: Exclude<Server, 'sqlite'>, ms: number): BoundedRead {
  const whole = Math.max(1, Math.ceil(ms));
  const code = (error: unknown, key: 'code' | 'errno') => (error as Record<string, unknown> | undefined)?.[key];
  switch (server) {
    case 'postgres':
      // LOCAL: the setting ends with the transaction, whatever happens to the statement.
      return {
        // JIT compiles a plan whose cost passes jit_above_cost; a segment's plan passes it at 100k
        // contacts, and compiling took 257 ms of a 290 ms count there (bench/: 5.99x the hand SQL
        // on `deep`, 7.3x on `notdeals`, with JIT on).
        before: [`SET LOCAL statement_timeout = ${whole}`, 'SET LOCAL jit = off'],
        after: [],
        restore: ['SET LOCAL statement_timeout TO DEFAULT', 'SET LOCAL jit TO DEFAULT'],
        wrap: (sql) => sql,
        isTimeout: (error) => code(error, 'code') === '57014',
      };
    case 'mariadb':
      return {
        before: [],
        after: [],
        restore: [],
        wrap: (sql) => `SET STATEMENT max_statement_time=${whole / 1000} FOR ${sql}`,
        isTimeout: (error) => code(error, 'errno') === 1969,
      };
    case 'mysql':
      // The optimizer hint would have to sit right after the top-level SELECT, which follows the
      // WITH clause; the session variable bounds every SELECT of the pinned connection instead.
      return {
        before: [`SET SESSION max_execution_time = ${whole}`],
        after: ['SET SESSION max_execution_time = 0'],
        restore: [],
        wrap: (sql) => sql,
        isTimeout: (error) => code(error, 'errno') === 3024,
      };
  }
}

/**
 * Saved segments used from several places are evaluated once per read. PostgreSQL does it within the
 * statement (`WITH ... AS MATERIALIZED`), and so does MySQL 8, which materializes a CTE read more than
 * once. SQLite copies every reference to a CTE while it prepares the statement, and MariaDB plans each
 * reference apart: a 3-wide lattice of 10 levels is ~3^9 copies ("too many references", or 16 s and a
 * failure at 7 levels). There each such segment is staged first into a temporary table of its member
 * ids, on the read's own connection, in dependency order, and read under the CTE's name; the tables
 * are dropped after the read.
 */
export interface SegmentStaging {
  /** Before the first table (on the same connection). */
  before: string[];
  /** Fills table `name` with the ids `select` (a segment's `SELECT <alias>.id AS id FROM ...`) picks; its bindings go with the last statement. */
  fill(name: string, select: string): string[];
  /** Drops the tables that exist of `names`. */
  drop(names: string[]): string[];
  after: string[];
}

export function segmentStaging(server: Server): SegmentStaging | undefined {
  switch (server) {
    case 'sqlite': {
      const sql = new SqlDialect({ dialect: 'sqlite' });
      return { before: [], fill: (name, select) => sql.idTable(name, select), drop: (names) => sql.dropIdTables(names), after: [] };
    }
    case 'mariadb': {
      // The engine writes MEMORY tables there; their size cap is read when a table is created:
      // raised for the read, then reset.
      const sql = new SqlDialect({ dialect: 'mysql' });
      return {
        before: ['SET SESSION max_heap_table_size = 1073741824'],
        fill: (name, select) => sql.idTable(name, select),
        drop: (names) => sql.dropIdTables(names),
        after: ['SET SESSION max_heap_table_size = DEFAULT'],
      };
    }
    default:
      return undefined;
  }
}

/**
 * How many copies of saved segments one statement may carry where the database plans every reference
 * to a CTE apart, when the segments cannot be staged (a sender's `toWhere()` query, an in-memory
 * SQLite database); past it the statement is refused with a 400 before the database fails. SQLite
 * fails preparing past 65,535 references to one table (29,523 copies of a 10-level lattice; 9,841
 * prepared in 1.6 s); MariaDB planned 1,092 copies in 4.8 s over 2,000 contacts and failed after
 * 16 s on 3,279.
 */
export function plannedSegmentLimit(server: Server): number | undefined {
  return server === 'sqlite' ? 10_000 : server === 'mariadb' ? 1_000 : undefined;
}
