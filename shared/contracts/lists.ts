/**
 * Static lists, shared by server and admin (routes under /segments/lists, docs/api.md): frozen
 * audiences exported from segments (POST /segments/segments/:documentId/export, contracts/segments.ts).
 *
 *   GET    /lists?q=&page=&pageSize=          [read]    → Page<ListRecord>
 *   GET    /lists/:documentId                 [read]    → { data: ListRecord }
 *   PUT    /lists/:documentId  ListRenameBody [update]  → { data: ListRecord }
 *   DELETE /lists/:documentId                 [delete]  → { data: { documentId } }
 *
 * The members have their own module (contracts/members.ts): a list's answer `ListMember`.
 */
import { z } from 'zod';
import { NAME_MAX, SEARCH_MAX } from './constants';
import { paging } from './paging';

export const listListQuery = paging.extend({ q: z.string().max(SEARCH_MAX).optional() });
/** The list's query as the client gives it (before query-string encoding) and the server reads it. */
export type ListListQuery = z.output<typeof listListQuery>;

export const listRenameBody = z.object({
  name: z
    .string({ error: 'name is required: the list needs a name' })
    .trim()
    .min(1, 'name is empty: the list needs a name')
    .max(NAME_MAX, `name must be at most ${NAME_MAX} characters`),
});
export type ListRenameBody = z.input<typeof listRenameBody>;
