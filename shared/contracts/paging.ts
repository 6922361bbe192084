/**
 * Paging, as every paged route answers it (like Strapi's own): `?page=&pageSize=` in, `Page<T>` out.
 */
export interface Page<T> {
  data: T[];
  meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number } };
}

export interface Paging {
  page?: number;
  pageSize?: number;
}

export const DEFAULT_PAGE_SIZE = 25;
/** The most rows one page (or a preview's contacts) may ask for. */
export const MAX_PAGE_SIZE = 100;
