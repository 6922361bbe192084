/**
 * One refresh of a watched segment, inside its transaction and lock (server/watch/dialect.ts):
 * today's audience is written to the staging table, by the database itself where it can (PostgreSQL without a replica:
 * one INSERT … SELECT in this transaction), else from a snapshot of ids evaluated before (SQLite off
 * the main thread, MySQL/MariaDB on another connection, where an INSERT … SELECT would lock the
 * contacts it reads), both under the query time bound; the differences with the stored membership are computed by the database,
 * range of contact ids by range (on PostgreSQL the whole set at once): the feed gets the entered and the left, then the membership is
 * brought up to date from the feed rows just written. The membership is never read into memory.
 * The first refresh after watching only takes the baseline.
 */
import type { Knex } from 'knex';
import type { ContactRepository } from '../crm/contact-repository';
import { TABLES } from './tables';
import { affectedRows, type WatchDialect } from './dialect';

/**
 * Snapshot ids written per INSERT (as literals: a chunk binds no parameters), where the audience
 * comes as a snapshot of ids: on SQLite and MySQL/MariaDB, and on PostgreSQL only when reads run on a
 * replica (readConnection); on its primary PostgreSQL stages the audience with one INSERT … SELECT.
 * SQLite runs each statement on the event loop (better-sqlite3 is synchronous), so its statements
 * are kept short: one of 5,000 ids took up to 67 ms at 100k.
 */
const STAGE_CHUNK: Record<WatchDialect, number> = { sqlite: 1_000, postgres: 5_000, mysql: 5_000 };

/**
 * Contact ids per range of the difference (null: the whole set in one statement each). PostgreSQL
 * plans whole-set anti-joins as hash joins: at 1M contacts an unchanged refresh took 13.5 s in
 * ranges of 10,000 ids.
 */
const RANGES: Record<WatchDialect, number | null> = { sqlite: 2_500, postgres: null, mysql: 10_000 };

export interface RefreshContext {
  trx: Knex.Transaction;
  dialect: WatchDialect;
  segmentId: number;
  /** The contact table, and the staging insert of a snapshot's ids. */
  contacts: Pick<ContactRepository, 'table' | 'documentIdColumn' | 'insertStaged'>;
  /** The audience now: ascending ids, or a writer of (segment, id) rows into the staging table. */
  audience: { ids: Float64Array } | { stage: (trx: Knex.Transaction) => Promise<void> };
  filtersHash: string;
  at: number;
  /** Called between steps (tests stop a refresh midway here). */
  progress?: (step: string) => Promise<void> | void;
}

export interface RefreshOutcome {
  count: number;
  entered: number;
  left: number;
  baseline: boolean;
  /** The feed ids this refresh wrote: (after, upTo]. */
  after: number;
  upTo: number;
}

const yieldToEventLoop = () => new Promise((resolve) => setImmediate(resolve));

export async function applyRefresh(ctx: RefreshContext): Promise<RefreshOutcome> {
  const { trx, segmentId: segment, at } = ctx;
  const step = async (name: string) => {
    await ctx.progress?.(name);
    await yieldToEventLoop();
  };
  const RANGE = RANGES[ctx.dialect];
  const contactTable = ctx.contacts.table();
  const documentIdColumn = ctx.contacts.documentIdColumn();
  // Every statement gives the event loop a turn after it: on SQLite, statements run on it.
  const raw = async (sql: string, bindings: unknown[] = []) => {
    const result = await trx.raw(sql, bindings as any[]);
    await yieldToEventLoop();
    return result;
  };

  // A write first: on SQLite it takes the write lock before anything is read.
  await trx(TABLES.staging).where({ segment_id: segment }).del();
  const [{ last }] = await trx(TABLES.changes).where({ segment_id: segment }).max({ last: 'id' });
  const after = Number(last ?? 0);

  if ('stage' in ctx.audience) {
    await ctx.audience.stage(trx);
    await step('staged');
  } else {
    const { ids } = ctx.audience;
    const chunk = STAGE_CHUNK[ctx.dialect];
    for (let i = 0; i < ids.length; i += chunk) {
      // Contacts deleted since the snapshot are left out here.
      await ctx.contacts.insertStaged(trx, { table: TABLES.staging, segmentId: segment }, ids.subarray(i, i + chunk));
      await yieldToEventLoop();
      await step('staged');
    }
  }
  const count = await countOf(trx, TABLES.staging, segment);
  const state = await trx(TABLES.state).where({ segment_id: segment }).first();

  let entered = 0;
  let left = 0;
  const reason = state?.filters_hash === ctx.filtersHash ? 'matched' : 'edited';
  const span = await idSpan(trx, segment);
  // Range by range, so that no statement holds SQLite's single connection (and the event loop) long.
  for (const low of rangeStarts(span, RANGE)) {
    const range = (alias: string) => (RANGE === null ? '1 = 1' : `${alias}.contact_id >= ${low} AND ${alias}.contact_id < ${low + RANGE}`);
    // Looked up per written row by primary key: a join let SQLite's planner scan the contacts per range.
    const documentIdOf = (alias: string) => `(SELECT c.${documentIdColumn} FROM ?? c WHERE c.id = ${alias}.contact_id)`;
    if (!state) {
      await raw(
        `INSERT INTO ?? (segment_id, contact_id, document_id, since)
         SELECT s.segment_id, s.contact_id, ${documentIdOf('s')}, ${at} FROM ?? s WHERE s.segment_id = ${segment} AND ${range('s')}`,
        [TABLES.members, contactTable, TABLES.staging],
      );
    } else {
      entered += affectedRows(
        ctx.dialect,
        await raw(
          `INSERT INTO ?? (segment_id, contact_id, document_id, kind, reason, at)
           SELECT s.segment_id, s.contact_id, ${documentIdOf('s')}, 'entered', ?, ${at} FROM ?? s
           WHERE s.segment_id = ${segment} AND ${range('s')}
             AND NOT EXISTS (SELECT 1 FROM ?? m WHERE m.segment_id = s.segment_id AND m.contact_id = s.contact_id)
           ORDER BY s.contact_id`,
          [TABLES.changes, contactTable, reason, TABLES.staging, TABLES.members],
        ),
      );
      left += affectedRows(
        ctx.dialect,
        await raw(
          `INSERT INTO ?? (segment_id, contact_id, document_id, kind, reason, at)
           SELECT m.segment_id, m.contact_id, m.document_id, 'left', CASE WHEN EXISTS (SELECT 1 FROM ?? c WHERE c.id = m.contact_id) THEN ? ELSE 'deleted' END, ${at}
           FROM ?? m
           WHERE m.segment_id = ${segment} AND ${range('m')}
             AND NOT EXISTS (SELECT 1 FROM ?? s WHERE s.segment_id = m.segment_id AND s.contact_id = m.contact_id)
           ORDER BY m.contact_id`,
          [TABLES.changes, contactTable, reason, TABLES.members, TABLES.staging],
        ),
      );
    }
    if (state) {
      // The membership follows, by primary key lookups within the range (MariaDB ran a DELETE ... IN
      // (feed rows) as a scan of the feed per member: minutes at 100k).
      await raw(
        `DELETE FROM ?? WHERE segment_id = ${segment} AND ${range(TABLES.members)}
           AND NOT EXISTS (SELECT 1 FROM ?? s WHERE s.segment_id = ${segment} AND s.contact_id = ??.contact_id)`,
        [TABLES.members, TABLES.staging, TABLES.members],
      );
      await raw(
        `INSERT INTO ?? (segment_id, contact_id, document_id, since)
         SELECT s.segment_id, s.contact_id, ${documentIdOf('s')}, ${at} FROM ?? s
         WHERE s.segment_id = ${segment} AND ${range('s')}
           AND NOT EXISTS (SELECT 1 FROM ?? m WHERE m.segment_id = s.segment_id AND m.contact_id = s.contact_id)`,
        [TABLES.members, contactTable, TABLES.staging, TABLES.members],
      );
    }
    await raw(`DELETE FROM ?? WHERE segment_id = ${segment} AND ${range(TABLES.staging)}`, [TABLES.staging]);
    await step('changes');
  }
  const [{ last: written }] = await trx(TABLES.changes).where({ segment_id: segment }).max({ last: 'id' });
  const upTo = Number(written ?? after);
  if (state) await trx(TABLES.state).where({ segment_id: segment }).update({ filters_hash: ctx.filtersHash, refreshed_at: at });
  else await trx(TABLES.state).insert({ segment_id: segment, filters_hash: ctx.filtersHash, refreshed_at: at });
  await trx(TABLES.history).insert({
    segment_id: segment,
    at,
    status: 'ok',
    member_count: count,
    entered_count: entered,
    left_count: left,
  });
  return { count, entered, left, baseline: !state, after, upTo };
}

/** The first contact id of each range over `span`; one start for the whole span when `range` is null. */
function rangeStarts(span: { low: number; high: number }, range: number | null): number[] {
  if (span.low > span.high) return [];
  if (range === null) return [span.low];
  return Array.from({ length: Math.ceil((span.high - span.low + 1) / range) }, (_, i) => span.low + i * range);
}

async function countOf(trx: Knex.Transaction, table: string, segment: number): Promise<number> {
  const [{ n }] = await trx(table).where({ segment_id: segment }).count({ n: '*' });
  return Number(n);
}

/** The lowest and highest contact id in the staged audience and the stored membership. */
async function idSpan(trx: Knex.Transaction, segment: number): Promise<{ low: number; high: number }> {
  const bounds = await Promise.all(
    [TABLES.staging, TABLES.members].map((table) =>
      trx(table).where({ segment_id: segment }).min({ low: 'contact_id' }).max({ high: 'contact_id' }).first(),
    ),
  );
  const lows = bounds
    .map((b: any) => b?.low)
    .filter((v) => v != null)
    .map(Number);
  const highs = bounds
    .map((b: any) => b?.high)
    .filter((v) => v != null)
    .map(Number);
  return lows.length === 0 ? { low: 1, high: 0 } : { low: Math.min(...lows), high: Math.max(...highs) };
}
