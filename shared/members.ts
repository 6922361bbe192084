/**
 * The member pages' query, shared by server and admin:
 *
 *   GET /segments/segments/:documentId/contacts?page=&pageSize=&q=&sort=&order=   [read]
 *   GET /segments/lists/:documentId/contacts?page=&pageSize=&q=&sort=&order=      [read]
 *   GET /segments/segments/:documentId/contacts.csv, /segments/lists/:documentId/contacts.csv   [read]
 *
 * `q` searches the name fields and the email, case-insensitively; `sort` is one of MEMBER_SORTS
 * (default `createdAt`, newest first for a segment; a list's default is the order it was frozen in).
 * The CSV holds every member (not one page) with MEMBER_CSV_COLUMNS, streamed.
 */
export const MEMBER_SORTS = ['name', 'email', 'createdAt'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

export interface MemberQuery {
  q?: string;
  sort?: MemberSort;
  order?: SortOrder;
}

export const MEMBER_CSV_COLUMNS = ['documentId', 'name', 'email', 'createdAt'] as const;

/** A CSV field: quoted when it holds a quote, comma or line break; a leading =, +, - or @ is defused for spreadsheets. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
