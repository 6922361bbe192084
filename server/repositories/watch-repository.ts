/**
 * Reads and housekeeping of watched segments' tables (server/watch/tables.ts): the feed page by
 * cursor, the history, the last refresh, the sparkline points, "member since", and deletions.
 */
import type { Core } from '@strapi/strapi';
import { contactRepository } from '../crm/contact-repository';
import type { Change, LastRefresh } from '../../shared/contracts/watch';
import { TABLES } from '../watch/tables';

export type { Change, ChangeKind, ChangeReason } from '../../shared/contracts/watch';
/** What a refresh did, as the history and `lastRefresh` answer it (shared/contracts/watch.ts). */
export type RefreshRecord = LastRefresh;

const iso = (ms: unknown) => new Date(Number(ms)).toISOString();

const refreshOf = (row: Record<string, any>): RefreshRecord => ({
  at: iso(row.at),
  status: row.status,
  count: row.member_count == null ? null : Number(row.member_count),
  entered: Number(row.entered_count),
  left: Number(row.left_count),
  ...(row.error ? { error: row.error } : {}),
});

export function watchRepository(strapi: Core.Strapi) {
  const knex = () => strapi.db.connection;
  const contacts = contactRepository(strapi);

  return {
    /**
     * Feed rows of a segment after `after` (and up to `upTo`), oldest first (`newest`: the last ones, newest first), with the contacts as they
     * are now: the page by its index, then its contacts by primary key (a join let PostgreSQL's
     * planner hash the whole contact table for a page).
     */
    async changes(
      segmentId: number,
      { after, limit, upTo, newest = false }: { after: number; limit: number; upTo?: number; newest?: boolean },
    ): Promise<Change[]> {
      const query = knex()(TABLES.changes)
        .select('id', 'contact_id', 'document_id', 'kind', 'reason', 'at')
        .where('segment_id', segmentId)
        .where('id', '>', after)
        .orderBy('id', newest ? 'desc' : 'asc')
        .limit(limit);
      if (upTo !== undefined) query.where('id', '<=', upTo);
      const rows = await query;
      const found = await contacts.identities([...new Set(rows.map((row: Record<string, any>) => Number(row.contact_id)))]);
      return rows.map((row: Record<string, any>) => ({
        cursor: String(row.id),
        kind: row.kind,
        reason: row.reason,
        at: iso(row.at),
        // A contact deleted from the CRM is named by the documentId the membership kept.
        contact: { ...(found.get(Number(row.contact_id)) ?? { name: '', email: null }), documentId: row.document_id },
      }));
    },

    async history(segmentId: number, { from, to }: { from: number; to: number }) {
      const rows = await knex()(TABLES.history)
        .where('segment_id', segmentId)
        .whereBetween('at', [from, to])
        .orderBy([{ column: 'at' }, { column: 'id' }]);
      return rows.map((row: Record<string, any>) => {
        const { error: _error, ...entry } = refreshOf(row);
        return entry;
      });
    },

    /** The last refresh of each of these segments. */
    async lastRefresh(segmentIds: number[]): Promise<Map<number, RefreshRecord>> {
      if (segmentIds.length === 0) return new Map();
      const latest = knex()(TABLES.history).max('id').whereIn('segment_id', segmentIds).groupBy('segment_id');
      const rows = await knex()(TABLES.history).whereIn('id', latest);
      return new Map(rows.map((row: Record<string, any>) => [Number(row.segment_id), refreshOf(row)]));
    },

    /**
     * Counts of successful refreshes since `from`, oldest first: all of them up to `points`, else
     * `points` of them evenly spread, the newest always among them (one statement: the k-th newest
     * is kept when k·points mod total < points, exactly `points` rows).
     */
    async recentCounts(segmentIds: number[], { from, points }: { from: number; points: number }) {
      const result = new Map<number, { at: string; count: number }[]>();
      if (segmentIds.length === 0) return result;
      const k = knex();
      const ranked = k(TABLES.history)
        .select(
          'segment_id',
          'at',
          'member_count',
          'id',
          k.raw('ROW_NUMBER() OVER (PARTITION BY segment_id ORDER BY at DESC, id DESC) AS rn'),
          k.raw('COUNT(*) OVER (PARTITION BY segment_id) AS total'),
        )
        .whereIn('segment_id', segmentIds)
        .where('status', 'ok')
        .where('at', '>=', from);
      const rows = await k
        .from(ranked.as('h'))
        .select('h.segment_id', 'h.at', 'h.member_count')
        .whereRaw(`((h.rn - 1) * ${Math.trunc(points)}) % h.total < ${Math.trunc(points)}`)
        .orderBy([{ column: 'h.segment_id' }, { column: 'h.at' }, { column: 'h.id' }]);
      for (const row of rows) {
        const list = result.get(Number(row.segment_id)) ?? [];
        list.push({ at: iso(row.at), count: Number(row.member_count) });
        result.set(Number(row.segment_id), list);
      }
      return result;
    },

    /** Since when each of these contacts is a member (epoch ms), for those that are. */
    async since(segmentId: number, contactIds: number[]): Promise<Map<number, number>> {
      if (contactIds.length === 0) return new Map();
      const rows = await knex()(TABLES.members)
        .select('contact_id', 'since')
        .where('segment_id', segmentId)
        .whereIn('contact_id', contactIds);
      return new Map(rows.map((row: Record<string, any>) => [Number(row.contact_id), Number(row.since)]));
    },

    /** When the segment was last refreshed, successfully or not (epoch ms). */
    async lastAttempt(segmentId: number, trx = knex()): Promise<number | null> {
      const row = await trx(TABLES.history).where('segment_id', segmentId).max({ at: 'at' }).first();
      return row?.at == null ? null : Number(row.at);
    },

    async recordFailure(segmentId: number, at: number, error: string): Promise<void> {
      await knex()(TABLES.history).insert({
        segment_id: segmentId,
        at,
        status: 'failed',
        member_count: null,
        entered_count: 0,
        left_count: 0,
        error: error.slice(0, 2_000),
      });
    },

    /** Unwatching: the membership and the baseline go, the feed and the history stay. */
    async dropMembership(segmentId: number): Promise<void> {
      await knex().transaction(async (trx) => {
        for (const table of [TABLES.members, TABLES.staging, TABLES.state]) await trx(table).where('segment_id', segmentId).del();
      });
    },

    /** Deleting the segment: everything. */
    async forget(segmentId: number): Promise<void> {
      await knex().transaction(async (trx) => {
        for (const table of Object.values(TABLES)) await trx(table).where('segment_id', segmentId).del();
      });
    },

    /** Deletes changes and history older than `before` (epoch ms); answers how many rows went. */
    async prune(before: number): Promise<{ changes: number; history: number }> {
      const changes = await knex()(TABLES.changes).where('at', '<', before).del();
      const history = await knex()(TABLES.history).where('at', '<', before).del();
      return { changes: Number(changes), history: Number(history) };
    },
  };
}

export type WatchRepository = ReturnType<typeof watchRepository>;
