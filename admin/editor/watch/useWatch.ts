import { useCallback, useState } from 'react';
import { WATCH_HISTORY_DAYS } from '../../../shared/contracts/constants';
import type { LastRefresh, RefreshResult, WatchState } from '../../../shared/contracts/watch';
import type { SegmentsApi } from '../../api';
import { readApiError } from '../../apiErrors';
import { useLoader } from '../../components/useLoader';
import { useT } from '../../i18n';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The recent changes the editor shows: the feed's last page, newest first. */
export const CHANGES_PAGE = 10;

export type Notify = (notification: { type: 'success' | 'danger'; message: string }) => void;
/** A segment as the editor holds it; records from before watching existed have no watch fields. */
export interface WatchedSegment {
  documentId: string;
  name: string;
  watched?: boolean | null;
  lastRefresh?: LastRefresh | null;
}

const errorText = (error: unknown) => (error ? readApiError(error).message : undefined);
const succeeded = (r: RefreshResult): LastRefresh => ({ at: r.at, status: 'ok', count: r.count, entered: r.entered, left: r.left });

/**
 * A saved segment's watching: the switch (PUT `watched`), "Refresh now", and, while it is watched,
 * its last 30 days of history and the newest page of its change feed, both reloaded after a refresh.
 * Changes to the segment's watch state go to `onChange`, which merges them into the editor's copy.
 */
export function useWatch(api: SegmentsApi, segment: WatchedSegment, onChange: (state: Partial<WatchState>) => void, notify: Notify) {
  const t = useT();
  const { documentId, name } = segment;
  const watched = Boolean(segment.watched);
  const [toggling, setToggling] = useState(false);
  const [refreshing, setRefreshing] = useState(false);
  const [result, setResult] = useState<RefreshResult | null>(null);
  const [version, setVersion] = useState(0);

  // Both reload after a refresh (`version`).
  const key = { documentId, watched, version };
  const history = useLoader(key, async () => {
    if (!watched) return undefined;
    const to = Date.now();
    const from = to - WATCH_HISTORY_DAYS * DAY_MS;
    const points = await api.history(documentId, { from: new Date(from).toISOString(), to: new Date(to).toISOString() });
    return { points, from, to };
  });
  const changes = useLoader(key, async () => (watched ? api.changes(documentId, { limit: CHANGES_PAGE, newest: true }) : undefined));

  const setWatched = useCallback(
    async (next: boolean) => {
      setToggling(true);
      try {
        const stored = await api.setWatched(documentId, next);
        onChange({ watched: stored.watched, lastRefresh: stored.lastRefresh });
        setResult(null);
        notify({ type: 'success', message: next ? t('watch.turnedOn', { name }) : t('watch.turnedOff', { name }) });
      } catch (error) {
        notify({ type: 'danger', message: readApiError(error).message });
      } finally {
        setToggling(false);
      }
    },
    [api, documentId, name, onChange, notify, t],
  );

  const refresh = useCallback(async () => {
    setRefreshing(true);
    setResult(null);
    try {
      const done = await api.refresh(documentId);
      setResult(done);
      onChange({ lastRefresh: succeeded(done) });
    } catch (error) {
      notify({ type: 'danger', message: readApiError(error).message });
      // A refresh over the time bound is recorded as failed: show the record where the last refresh is.
      const stored = await api.segment(documentId).catch(() => null);
      if (stored) onChange({ lastRefresh: stored.lastRefresh });
    } finally {
      setRefreshing(false);
      setVersion((v) => v + 1);
    }
  }, [api, documentId, onChange, notify]);

  return {
    watched,
    lastRefresh: segment.lastRefresh ?? null,
    toggling,
    refreshing,
    result,
    setWatched,
    refresh,
    history: { data: history.data, error: errorText(history.error), loading: history.loading },
    changes: { data: changes.data, error: errorText(changes.error), loading: changes.loading },
  };
}
