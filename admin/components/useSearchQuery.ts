import { useCallback, useState } from 'react';

/** What a collection page's search box holds; a new query starts again on page 1 (usePageParams' toFirstPage). */
export function useSearchQuery(toFirstPage: () => void) {
  const [query, setQuery] = useState('');
  const search = useCallback(
    (q: string) => {
      setQuery(q);
      toFirstPage();
    },
    [toFirstPage],
  );
  return { query, search };
}
