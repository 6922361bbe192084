/**
 * Watched segments (docs/watching.md): refresh (on a schedule and on demand),
 * the change feed, the history, and what the panel shows of them. Other plugins reach it through
 * the segments service (`refresh`, `changes`, `history`).
 */
import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { WatchConfig } from '../config';
import { pluginConfig } from '../config/plugin-config';
import { contactRepository } from '../crm/contact-repository';
import { segmentReferences } from '../engine/validate';
import { badRequest, conflict, notFound, SegmentsError, unavailable } from '../errors';
import { segmentRepository, type SegmentRecord } from '../repositories/segment-repository';
import type { WatchState } from '../../shared/contracts/watch';
import { watchRepository, type Change } from '../repositories/watch-repository';
import { readConnectionOf } from '../crm/read-connection';
import { watchDialect, withSegmentLock } from '../watch/dialect';
import { announce } from '../watch/events';
import { applyRefresh, type RefreshContext } from '../watch/refresh';
import { TABLES } from '../watch/tables';
import { getService } from '../utils/get-service';
import type { Page } from './paging';

export const DEFAULT_CHANGES_LIMIT = 100;
export const MAX_CHANGES_LIMIT = 10_000;
/** The panel's chart and sparkline window, and the sparkline's resolution. */
export const RECENT_DAYS = 30;
export const SPARKLINE_POINTS = 60;
const DAY_MS = 24 * 3600 * 1000;
/** How often a refresh waiting for another node's asks again. */
const LOCK_RETRY_MS = 50;

export interface RefreshResult {
  count: number;
  entered: number;
  left: number;
  at: string;
}

export interface RefreshOptions {
  /** Wait for a refresh running on another node to end (default), or skip (`undefined`). */
  wait?: boolean;
  /** Skip when the segment was refreshed (or tried) less than this many ms ago: the schedule. */
  dueAfterMs?: number;
  /** Called between steps of the refresh; tests stop a refresh midway here. */
  progress?: (step: string) => Promise<void> | void;
}

export type WatchInfo = WatchState;

type SegmentRef = string | { documentId: string };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const segments = segmentRepository(strapi);
  const repo = watchRepository(strapi);
  const contacts = contactRepository(strapi);
  const audience = () => getService(strapi, 'audience');

  const config = (): WatchConfig => pluginConfig(strapi).watch;
  const timeoutMs = () => pluginConfig(strapi).queryTimeoutMs;

  async function load(input: SegmentRef): Promise<SegmentRecord> {
    const documentId = typeof input === 'string' ? input : input?.documentId;
    if (typeof documentId !== 'string') throw badRequest('expected a segment documentId');
    const segment = await segments.findOne(documentId);
    if (!segment) throw notFound(`segment "${documentId}" does not exist`);
    return segment;
  }

  /** The conditions a refresh evaluates: the tree and every saved segment it reaches. */
  async function filtersHash(segment: SegmentRecord): Promise<string> {
    const field = audience().segmentField();
    const all = new Map((await segments.all()).map((s) => [s.documentId, s]));
    const reached = new Set<string>();
    const visit = (tree: unknown) => {
      for (const id of segmentReferences(tree, field)) {
        if (reached.has(id)) continue;
        reached.add(id);
        visit(all.get(id)?.filters);
      }
    };
    visit(segment.filters);
    const canonical = (tree: unknown) => JSON.stringify(tree, (key, value) => (key === 'id' ? undefined : value));
    const text = [canonical(segment.filters), ...[...reached].sort().map((id) => `${id}:${canonical(all.get(id)?.filters)}`)].join('\n');
    return crypto.createHash('sha256').update(text).digest('hex');
  }

  /** One attempt: the result, `undefined` when another node holds the lock, `null` when not due. */
  async function attempt(segment: SegmentRecord, options: RefreshOptions): Promise<RefreshResult | null | undefined> {
    const started = performance.now();
    const hash = await filtersHash(segment);
    const due = async (trx?: any) => {
      if (options.dueAfterMs === undefined) return true;
      const last = await repo.lastAttempt(segment.id, trx);
      return last === null || Date.now() - last >= options.dueAfterMs;
    };
    const dialect = watchDialect(strapi);
    // PostgreSQL writes the audience into the staging table itself, in the refresh's transaction, unless
    // reads go to a replica: then the ids are read there and written on the primary, as on MySQL.
    const snapshot = async (): Promise<RefreshContext['audience'] | null> => {
      if (dialect === 'sqlite' && !(await due())) return null;
      const compiled = await audience().compile(segment.filters);
      if (dialect === 'postgres' && !readConnectionOf(strapi))
        return { stage: (trx) => audience().insertMemberIds(compiled, { trx, table: TABLES.staging, segmentId: segment.id }) };
      return { ids: await audience().memberIds(compiled) };
    };
    const outcome = await withSegmentLock(strapi, segment.id, snapshot, async (trx, members) => {
      if (members === null || !(await due(trx))) return null;
      const at = Date.now();
      return {
        at,
        ...(await applyRefresh({
          trx,
          dialect,
          segmentId: segment.id,
          contacts,
          audience: members,
          filtersHash: hash,
          at,
          progress: options.progress,
        })),
      };
    });
    if (!outcome) return outcome;
    await segments.recordCount(segment.id, outcome.count, performance.now() - started);
    const at = new Date(outcome.at).toISOString();
    if (!outcome.baseline && outcome.upTo > outcome.after) {
      await announce(strapi, segment, at, (after, limit) => repo.changes(segment.id, { after, limit, upTo: outcome.upTo }), outcome.after);
    }
    return { count: outcome.count, entered: outcome.entered, left: outcome.left, at };
  }

  const service = {
    config,

    /**
     * Refreshes a watched segment now: `{ count, entered, left, at }`. Waits for a refresh of the same
     * segment running elsewhere (with `wait: false`, answers `null` instead). A refresh past the query
     * time bound changes nothing, is recorded as failed, and answers 503.
     */
    async refresh(input: SegmentRef | SegmentRecord, options: RefreshOptions = {}): Promise<RefreshResult | null> {
      const segment = await load(input);
      if (!segment.watched) {
        throw conflict(`"${segment.name}" is not watched; watch it first (PUT { "watched": true }) to keep its membership and feed`);
      }
      const started = Date.now();
      for (;;) {
        let result: RefreshResult | null | undefined;
        try {
          result = await attempt(segment, options);
        } catch (error) {
          const message = (error as Error).message;
          await repo.recordFailure(segment.id, Date.now(), message).catch(() => undefined);
          if (error instanceof SegmentsError && error.status !== 503) throw error;
          throw unavailable(`the refresh of "${segment.name}" failed and changed nothing: ${message}`);
        }
        if (result !== undefined) return result;
        if (options.wait === false) return null;
        if (Date.now() - started > timeoutMs()) {
          throw unavailable(`"${segment.name}" is being refreshed by another node for longer than ${timeoutMs()} ms; try again shortly`);
        }
        await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
      }
    },

    /**
     * One page of a watched segment's feed after `after` (a cursor), oldest first; with `newest`,
     * the last `limit` changes, newest first, and `meta.next` the newest cursor (to follow the feed from now on).
     */
    async changes(
      input: SegmentRef | SegmentRecord,
      { after, limit = DEFAULT_CHANGES_LIMIT, newest = false }: { after?: string | null; limit?: number; newest?: boolean } = {},
    ) {
      const cursor = after === undefined || after === null || after === '' ? 0 : Number(after);
      if (after != null && after !== '' && !(typeof after === 'string' && /^\d{1,15}$/.test(after))) {
        throw badRequest(`after must be a cursor from this feed (a whole number as text), not "${String(after)}"`, { path: 'after' });
      }
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CHANGES_LIMIT) {
        throw badRequest(`limit must be a whole number from 1 to ${MAX_CHANGES_LIMIT}`, { path: 'limit' });
      }
      if (newest && cursor > 0) throw badRequest('newest reads the last changes: it takes no after cursor', { path: 'after' });
      const segment = await load(input);
      if (newest) {
        const data = await repo.changes(segment.id, { after: 0, limit, newest: true });
        return { data, meta: { next: data[0]?.cursor ?? null } } satisfies { data: Change[]; meta: { next: string | null } };
      }
      const data = await repo.changes(segment.id, { after: cursor, limit });
      return { data, meta: { next: data.at(-1)?.cursor ?? (cursor > 0 ? String(cursor) : null) } } satisfies {
        data: Change[];
        meta: { next: string | null };
      };
    },

    /** Refreshes between `from` and `to` (default: the last 30 days), oldest first. */
    async history(input: SegmentRef | SegmentRecord, { from, to }: { from?: Date; to?: Date } = {}) {
      const segment = await load(input);
      const end = to?.getTime() ?? Date.now();
      const start = from?.getTime() ?? end - RECENT_DAYS * DAY_MS;
      if (start > end) throw badRequest('from must not be after to', { path: 'from' });
      return repo.history(segment.id, { from: start, to: end });
    },

    /** Since when each contact of a page is in the segment (null for an unwatched one). */
    async since(segment: SegmentRecord, contactIds: number[]): Promise<Map<number, string>> {
      if (!segment.watched) return new Map();
      const since = await repo.since(segment.id, contactIds);
      return new Map([...since].map(([id, ms]) => [id, new Date(ms).toISOString()]));
    },

    /** A segment as the API answers it: with `watched` and `lastRefresh`. */
    async present<T extends SegmentRecord>(segment: T): Promise<T & WatchInfo> {
      const last = await repo.lastRefresh([segment.id]);
      return { ...segment, watched: Boolean(segment.watched), lastRefresh: last.get(segment.id) ?? null };
    },

    /** A page of the list, each with `watched`, `lastRefresh` and the sparkline's `recentCounts`. */
    async presentPage<T extends SegmentRecord>(page: Page<T>) {
      const ids = page.data.map((s) => s.id);
      const watchedIds = page.data.filter((s) => s.watched).map((s) => s.id);
      const to = Date.now();
      const [last, recent] = await Promise.all([
        repo.lastRefresh(ids),
        repo.recentCounts(watchedIds, { from: to - RECENT_DAYS * DAY_MS, points: SPARKLINE_POINTS }),
      ]);
      return {
        ...page,
        data: page.data.map((s) => ({
          ...s,
          watched: Boolean(s.watched),
          lastRefresh: last.get(s.id) ?? null,
          recentCounts: s.watched ? (recent.get(s.id) ?? []) : [],
        })),
      };
    },

    /** After `watched` changed: unwatching drops the membership (the next watch starts a new baseline). */
    async watchedChanged(segment: SegmentRecord, watched: boolean): Promise<void> {
      if (!watched) await repo.dropMembership(segment.id);
    },

    /** The segment is being deleted: its membership, feed and history go with it. */
    async forget(segment: SegmentRecord): Promise<void> {
      await repo.forget(segment.id);
    },

    /**
     * The scheduled work (Strapi's cron, every node): each watched, active segment not refreshed
     * for `intervalSeconds` is refreshed by the node that gets its lock; then old changes and
     * history are pruned. A failure is recorded on its segment and does not stop the others.
     */
    async tick(): Promise<{ refreshed: number; failed: number }> {
      const { intervalSeconds, retentionDays } = config();
      let refreshed = 0;
      let failed = 0;
      const watched = (await segments.all()).filter((s) => s.watched && !s.archived);
      for (const segment of watched) {
        try {
          // A little early is still due: ticks do not fall exactly on the interval.
          if (await service.refresh(segment, { wait: false, dueAfterMs: Math.max(0, intervalSeconds * 1000 - 1000) })) refreshed += 1;
        } catch (error) {
          failed += 1;
          strapi.log.warn(`[segments] refresh of "${segment.name}" failed: ${(error as Error).message}`);
        }
      }
      await repo.prune(Date.now() - retentionDays * DAY_MS);
      return { refreshed, failed };
    },
  };
  return service;
};

/** Strapi cron rule for a tick every `seconds` (at most every minute beyond 60: each segment's due time decides). */
export function cronRule(seconds: number): string {
  return seconds < 60 ? `*/${seconds} * * * * *` : '0 * * * * *';
}
