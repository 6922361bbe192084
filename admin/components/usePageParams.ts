import { useSearchParams } from 'react-router-dom';

/** The `page` and `pageSize` that Strapi's Pagination writes into the URL. */
export function usePageParams(defaultPageSize = 25) {
  const [search] = useSearchParams();
  return {
    page: Number(search.get('page') ?? 1) || 1,
    pageSize: Number(search.get('pageSize') ?? defaultPageSize) || defaultPageSize,
  };
}
