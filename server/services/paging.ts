import { DEFAULT_PAGE_SIZE, type Page, type Paging } from '../../shared/contracts/paging';

export { DEFAULT_PAGE_SIZE, type Page, type Paging };

/** The page, page size and row offset a request asks for. */
export function pageWindow({ page = 1, pageSize = DEFAULT_PAGE_SIZE }: Paging) {
  return { page, pageSize, offset: (page - 1) * pageSize };
}

export function pageOf<T>(data: T[], { page = 1, pageSize = DEFAULT_PAGE_SIZE }: Paging, total: number): Page<T> {
  return { data, meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } } };
}
