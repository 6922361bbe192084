/**
 * Paging, as every paged route answers it (like Strapi's own): `?page=&pageSize=` in, `Page<T>` out.
 */
import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './constants';

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };

export interface Page<T> {
  data: T[];
  meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number } };
}

export interface Paging {
  page?: number;
  pageSize?: number;
}

/** `?page=&pageSize=`: every value arrives as query-string text. */
export const paging = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});
