import { useCallback, useState } from 'react';
import type { MemberSort, SortOrder } from '../../shared/contracts/members';

/** How a member table is ordered; a head clicked again turns its order round. A new order starts on page 1. */
export function useMemberSort(toFirstPage: () => void) {
  const [sort, setSort] = useState<{ sort?: MemberSort; order?: SortOrder }>({});
  const sortBy = useCallback(
    (column: MemberSort) => {
      setSort((current) => {
        const first: SortOrder = column === 'createdAt' ? 'desc' : 'asc';
        const order: SortOrder = current.sort === column ? (current.order === 'asc' ? 'desc' : 'asc') : first;
        return { sort: column, order };
      });
      toFirstPage();
    },
    [toFirstPage],
  );
  const sorted = (column: MemberSort): SortOrder | false => (sort.sort === column ? sort.order! : false);
  return { ...sort, sortBy, sorted };
}
