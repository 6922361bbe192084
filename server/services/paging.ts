/** One page of a longer sequence, in the shape every paged route answers (like Strapi's own). */
export interface Page<T> {
  data: T[];
  meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number } };
}

export interface Paging {
  page?: number;
  pageSize?: number;
}

export const DEFAULT_PAGE_SIZE = 25;

/** The page, page size and row offset a request asks for. */
export function pageWindow({ page = 1, pageSize = DEFAULT_PAGE_SIZE }: Paging) {
  return { page, pageSize, offset: (page - 1) * pageSize };
}

export function pageOf<T>(data: T[], { page = 1, pageSize = DEFAULT_PAGE_SIZE }: Paging, total: number): Page<T> {
  return { data, meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } } };
}
