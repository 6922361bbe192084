/**
 * The editor's live preview, shared by server and admin:
 *
 *   POST /segments/preview  PreviewBody  [read]  → PreviewResult
 *
 * The count of the tree as it stands (unsaved) and its first `limit` contacts (10 by default, at most
 * MAX_PAGE_SIZE), newest first. The tree is checked by the tree validator: 400 with the path of each problem.
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

/** A contact as a preview shows it. */
export type PreviewContact = Omit<ContactSummary, 'id'>;

export interface PreviewResult {
  count: number;
  contacts: PreviewContact[];
}
