import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/** The `page` and `pageSize` that Strapi's Pagination writes into the URL, and a way back to page 1. */
export function usePageParams(defaultPageSize = 25) {
  const [search, setSearch] = useSearchParams();
  // A new search or tab starts on page 1, or it could land past the last page of fewer results.
  const toFirstPage = useCallback(
    () =>
      setSearch((current) => {
        const next = new URLSearchParams(current);
        next.delete('page');
        return next;
      }),
    [setSearch],
  );
  return {
    page: Number(search.get('page') ?? 1) || 1,
    pageSize: Number(search.get('pageSize') ?? defaultPageSize) || defaultPageSize,
    toFirstPage,
  };
}
