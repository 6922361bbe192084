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

export interface ChangesQuery {
  after?: string;
  limit?: number;
  /** The last `limit` changes, newest first (for a display; a consumer pages by `after`). */
  newest?: boolean;
}

/** One refresh in the history; `count` is null for a failed refresh. */
export interface HistoryPoint {
  at: string;
  status: RefreshStatus;
  count: number | null;
  entered: number;
  left: number;
}

export interface HistoryQuery {
  from?: string;
  to?: string;
}

/** The history's default window, and the list's sparkline window. */
export const WATCH_HISTORY_DAYS = 30;
/** At most this many points in a list item's `recentCounts`. */
export const RECENT_COUNTS_MAX = 60;

/** A segment in GET /segments/segments: the last 30 days of counts, oldest first, empty when unwatched. */
export interface RecentCounts {
  recentCounts: Array<{ at: string; count: number }>;
}

/** A member of a segment (GET …/contacts): since when it is in; null when the segment is not watched. */
export interface MemberSince {
  since: string | null;
}
