/**
 * Watching a segment (docs/watching.md), the request and response shapes shared by server and admin.
 * Envelopes follow the plugin's `{ data }` convention.
 *
 *   PUT  /segments/segments/:documentId                  body may carry `watched`        [update]
 *   POST /segments/segments/:documentId/refresh          → { data: RefreshResult }       [update]
 *        409 when the segment is not watched; 503 when the refresh hit the time bound (recorded as failed)
 *   GET  /segments/segments/:documentId/changes?after=&limit=  → ChangesPage            [read]
 *   GET  /segments/segments/:documentId/history?from=&to=      → { data: HistoryPoint[] } [read]
 *        oldest first, the last 30 days by default
 *
 * Segment records (list, one, PUT answer) carry `WatchState`; list items also `recentCounts`, and the
 * members of a segment carry `since`.
 */
import { z } from 'zod';
import { CHANGES_MAX_LIMIT, RECENT_COUNTS_MAX, WATCH_HISTORY_DAYS } from './constants';

export { CHANGES_MAX_LIMIT, RECENT_COUNTS_MAX, WATCH_HISTORY_DAYS };

/** What the last refresh of a watched segment did; `count` is null when it failed. */
export interface LastRefresh {
  at: string;
  status: RefreshStatus;
  count: number | null;
  entered: number;
  left: number;
  /** Why it failed (status `failed`). */
  error?: string;
}

export type RefreshStatus = 'ok' | 'failed';

/** The watch fields of a segment record. */
export interface WatchState {
  watched: boolean;
  lastRefresh: LastRefresh | null;
}

/** PUT /segments/segments/:documentId: the watch part of the body. */
export interface WatchBody {
  watched: boolean;
}

/** POST /segments/segments/:documentId/refresh → { data: RefreshResult } */
export interface RefreshResult {
  count: number;
  entered: number;
  left: number;
  at: string;
}

export type ChangeKind = 'entered' | 'left';
/** `matched`: the contact's data changed; `edited`: the conditions changed; `deleted`: deleted from the CRM. */
export type ChangeReason = 'matched' | 'edited' | 'deleted';

export interface Change {
  cursor: string;
  kind: ChangeKind;
  reason: ChangeReason;
  at: string;
  contact: { documentId: string; name: string; email: string | null };
}

/** GET …/changes: `meta.next` is the cursor to pass as `after` for the next page (null at the end). */
export interface ChangesPage {
  data: Change[];
  meta: { next: string | null };
}

/** GET …/changes: a cursor from this feed, and a page size. */
export const changesQuery = z.object({
  after: z
    .string({ error: 'after must be one cursor' })
    .regex(/^\d{1,15}$/, 'after must be a cursor from this feed (a whole number as text)')
    .optional(),
  limit: z.coerce
    .number({ error: 'limit must be a whole number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(CHANGES_MAX_LIMIT, `limit must be at most ${CHANGES_MAX_LIMIT}`)
    .optional(),
  /** The last `limit` changes, newest first (for a display; a consumer pages by `after`). */
  newest: z
    .enum(['true', 'false'], { error: 'newest must be true or false' })
    .transform((v) => v === 'true')
    .optional(),
});
/** The feed's query as the client gives it (before query-string encoding) and the server reads it. */
export type ChangesQuery = z.output<typeof changesQuery>;

/** One refresh in the history; `count` is null for a failed refresh. */
export interface HistoryPoint {
  at: string;
  status: RefreshStatus;
  count: number | null;
  entered: number;
  left: number;
}

const isoDate = (name: string) =>
  z
    .string({ error: `${name} must be one date` })
    .refine((v) => !Number.isNaN(Date.parse(v)), `${name} must be an ISO-8601 date, e.g. 2026-11-01T00:00:00Z`)
    .transform((v) => new Date(v))
    .optional();

/** GET …/history?from=&to=: ISO-8601 dates. */
export const historyQuery = z.object({ from: isoDate('from'), to: isoDate('to') });
/** The history's window as the client sends it (ISO-8601 text). */
export type HistoryQuery = z.input<typeof historyQuery>;

/** A segment in GET /segments/segments: the last 30 days of counts, oldest first, empty when unwatched. */
export interface RecentCounts {
  recentCounts: Array<{ at: string; count: number }>;
}

/** A member of a segment (GET …/contacts): since when it is in; null when the segment is not watched. */
export interface MemberSince {
  since: string | null;
}
