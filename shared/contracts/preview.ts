/**
 * The editor's live preview, shared by server and admin:
 *
 *   POST /segments/preview           PreviewBody       [read]  → PreviewResult
 *   POST /segments/preview/contacts  PreviewBody       [read]  → PreviewContactsResult
 *   POST /segments/preview/count     PreviewCountBody  [read]  → PreviewCountResult
 *
 * The count of the tree as it stands (unsaved) and its first `limit` contacts (10 by default, at most
 * MAX_PAGE_SIZE), newest first: both from one evaluation, or each on its own, so that a large
 * audience's first contacts show while its count still runs (the editor sends the two at once). A
 * request the caller gives up (closes) stops its database statement. The tree is checked by the
 * tree validator: 400 with the path of each problem.
 *
 * `asOf`: present when part of the answer came from the editor's cache (the part of the tree an edit
 * left unchanged, PostgreSQL): the answer is exact for that moment, its date math evaluated then, on
 * the data as they are now (nothing was committed in the database since). Absent: exact now.
 */
import { z } from 'zod';
import { MAX_PAGE_SIZE } from './constants';
import type { ContactSummary } from './contacts';
import { tree, type WithTree } from './fields';

export const previewBody = z.object({
  filters: tree,
  limit: z.coerce.number().int().min(0).max(MAX_PAGE_SIZE).optional(),
});
export type PreviewBody = WithTree<z.input<typeof previewBody>>;

export const previewCountBody = z.object({ filters: tree });
export type PreviewCountBody = WithTree<z.input<typeof previewCountBody>>;

/** A contact as a preview shows it. */
export type PreviewContact = Omit<ContactSummary, 'id'>;

/** ISO 8601: the moment an answer partly from the editor's cache is exact for. */
interface FromCache {
  asOf?: string;
}

export interface PreviewResult extends FromCache {
  count: number;
  contacts: PreviewContact[];
}

export interface PreviewContactsResult extends FromCache {
  contacts: PreviewContact[];
}

export interface PreviewCountResult extends FromCache {
  count: number;
}
