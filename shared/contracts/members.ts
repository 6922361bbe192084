/**
 * The member pages, shared by server and admin:
 *
 *   GET /segments/segments/:documentId/contacts?page=&pageSize=&q=&sort=&order=   [read]  → Page<SegmentMember>
 *   GET /segments/lists/:documentId/contacts?page=&pageSize=&q=&sort=&order=      [read]  → Page<ListMember>
 *   GET /segments/segments/:documentId/contacts.csv, /segments/lists/:documentId/contacts.csv   [read]
 *
 * `q` searches the name fields and the email, case-insensitively; `sort` is one of MEMBER_SORTS
 * (default `createdAt`, newest first for a segment; a list's default is the order it was frozen in).
 * The CSV holds every member (not one page) with MEMBER_CSV_COLUMNS, streamed.
 */
import { z } from 'zod';
import type { ContactIdentity, ContactSummary } from './contacts';
import { SEARCH_MAX } from './constants';
import { paging } from './paging';
import type { MemberSince } from './watch';

export const MEMBER_SORTS = ['name', 'email', 'createdAt'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

/** A member page: paging, a search over name and email, an order. */
export const memberQuery = paging.extend({
  q: z.string({ error: 'q must be one search text' }).max(SEARCH_MAX).optional(),
  sort: z.enum(MEMBER_SORTS, { error: `sort must be one of: ${MEMBER_SORTS.join(', ')}` }).optional(),
  order: z.enum(['asc', 'desc'], { error: 'order must be asc or desc' }).optional(),
});
/** A member page's query as the client gives it (before query-string encoding) and the server reads it. */
export type MemberParams = z.output<typeof memberQuery>;
/** The search and order of a member page (without paging). */
export type MemberQuery = Omit<MemberParams, 'page' | 'pageSize'>;

/** A member of a list, in the order it was frozen. */
export interface ListMember extends ContactIdentity {
  createdAt: string | null;
}

/** A live member of a segment; `since` is when it entered (null when the segment is not watched). */
export type SegmentMember = Omit<ContactSummary, 'id'> & { createdAt: string | null } & MemberSince;

export const MEMBER_CSV_COLUMNS = ['documentId', 'name', 'email', 'createdAt'] as const;

/** A CSV field: quoted when it holds a quote, comma or line break; a leading =, +, - or @ is defused for spreadsheets. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
