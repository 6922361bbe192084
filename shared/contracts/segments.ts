/**
 * Saved segments, shared by server and admin (routes under /segments/segments, docs/api.md):
 *
 *   GET    /segments?archived=&q=&page=&pageSize=   [read]    → Page<SegmentListItem>
 *   POST   /segments                 SegmentCreateBody  [create]  → 201 { data: WatchedRecord }
 *   GET    /segments/:documentId                        [read]    → { data: WatchedRecord }
 *   PUT    /segments/:documentId     SegmentUpdateBody  [update]  → { data: WatchedRecord }
 *   DELETE /segments/:documentId                        [delete]  → { data: { documentId } }
 *   POST   /segments/:documentId/duplicate              [create]  → 201 { data: WatchedRecord }
 *   POST   /segments/:documentId/archive                [update]  → SegmentArchiveAnswer
 *   POST   /segments/:documentId/unarchive              [update]  → { data: WatchedRecord }
 *   POST   /segments/:documentId/count                  [read]    → SegmentCountAnswer (202 with `pending` past the time budget)
 *   POST   /segments/:documentId/export  ExportBody     [export]  → 201 { data: ListRecord }
 *   GET    /api/segments/segments/:documentId/count   (API token)  → SegmentCount
 *
 * The members (contracts/members.ts) and the watch feed (contracts/watch.ts) have their own modules.
 * A tree is checked by the tree validator: 400 with the path of each problem.
 */
import { z } from 'zod';
import type { SegmentRecord } from './records';
import type { RecentCounts, WatchState } from './watch';
import { DESCRIPTION_MAX, NAME_MAX, SEARCH_MAX } from './constants';
import { text, tree, type WithTree } from './fields';
import { paging } from './paging';

export { DESCRIPTION_MAX, NAME_MAX };

export const segmentCreateBody = z.object({
  name: text(NAME_MAX),
  description: text(DESCRIPTION_MAX).nullish(),
  filters: tree,
  /** The AI Mode prompt the tree was generated from, kept with the segment. */
  aiPrompt: text(DESCRIPTION_MAX).nullish(),
  archived: z.boolean().optional(),
  watched: z.boolean({ error: 'watched must be true or false' }).optional(),
});
export type SegmentCreateBody = WithTree<z.input<typeof segmentCreateBody>>;

export const segmentUpdateBody = segmentCreateBody.partial();
export type SegmentUpdateBody = WithTree<z.input<typeof segmentUpdateBody>>;

export const segmentListQuery = paging.extend({
  archived: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  q: z.string().max(SEARCH_MAX).optional(),
});
/** The list's query as the client gives it (before query-string encoding) and the server reads it. */
export type SegmentListQuery = z.output<typeof segmentListQuery>;

export const exportBody = z.object({
  name: text(NAME_MAX).optional(),
  description: text(DESCRIPTION_MAX).optional(),
});
export type ExportBody = z.input<typeof exportBody>;

/** A saved segment as the admin routes answer it, with its watch state (docs/watching.md). */
export type WatchedRecord = SegmentRecord & WatchState;
/** A segment in the list: with the last 30 days of counts. */
export type SegmentListItem = WatchedRecord & RecentCounts;

/** A segment built on another one (directly or through others). */
export type SegmentUse = Pick<SegmentRecord, 'documentId' | 'name' | 'archived'>;

/** Archiving changes nothing for the segments built on this one: the answer names them, for the warning. */
export interface SegmentArchiveAnswer {
  data: WatchedRecord;
  meta: { usedBy: SegmentUse[] };
}

/**
 * A recount: the fresh lastCount, lastCountAt and lastCountMs, or, when the count is over the
 * server's budget (202), the last known ones with `pending`.
 */
export interface SegmentCountAnswer {
  data: WatchedRecord;
  pending?: true;
}

/** The content API's count: the segment evaluated now. */
export interface SegmentCount {
  data: { count: number };
}
