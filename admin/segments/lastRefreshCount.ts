import type { LastRefresh } from '../../shared/contracts/watch';
import type { RowCount } from './useSegmentCounts';

/**
 * A watched segment's row shows the count of its last refresh when that is newer than its last count,
 * so the list's number does not go stale between counts. A failed refresh has no count to show.
 */
export function withLastRefresh(count: RowCount, lastRefresh: LastRefresh | null | undefined): RowCount {
  if (count.counting || lastRefresh?.status !== 'ok' || lastRefresh.count == null) return count;
  const countedAt = count.lastCountAt ? Date.parse(count.lastCountAt) : -Infinity;
  if (Date.parse(lastRefresh.at) <= countedAt) return count;
  return { ...count, lastCount: lastRefresh.count, lastCountAt: lastRefresh.at, lastCountMs: null };
}
