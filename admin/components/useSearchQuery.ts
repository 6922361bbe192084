import { useCallback, useState } from 'react';

/**
 * What the collection page's search box holds. A new query goes back to page 1 (`toFirstPage` from
 * usePageParams): fewer results could leave the current page past the last one.
 */
export function useSearchQuery(toFirstPage: () => void) {
  const [query, setQuery] = useState('');
  const search = useCallback(
    (q: string) => {
      setQuery(q);
      toFirstPage();
    },
    [toFirstPage]
  );
  return { query, search };
}
