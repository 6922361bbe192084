import { Flex, Switch, Typography } from '@strapi/design-system';
import { WATCH_HISTORY_DAYS } from '../../../shared/contracts/constants';
import type { WatchState } from '../../../shared/contracts/watch';
import type { SegmentsApi } from '../../api';
import { useT } from '../../i18n';
import { PanelSection } from '../PanelSection';
import { HistoryChart } from './HistoryChart';
import { RecentChanges } from './RecentChanges';
import { RefreshBar } from './RefreshBar';
import { CHANGES_PAGE, useWatch, type Notify, type WatchedSegment } from './useWatch';

/**
 * "Entering and leaving" in the editor of a saved segment: the switch that watches it and, while it
 * is watched, its last refresh with "Refresh now", the count over time and the recent changes.
 * Changing the watch needs the update permission; a reader sees the rest.
 */
export const WatchPanel = ({
  api,
  segment,
  canUpdate,
  onChange,
  notify,
}: {
  api: SegmentsApi;
  segment: WatchedSegment;
  canUpdate: boolean;
  onChange: (state: Partial<WatchState>) => void;
  notify: Notify;
}) => {
  const t = useT();
  const watch = useWatch(api, segment, onChange, notify);
  return (
    <PanelSection titleId="segment-watch-title" title={t('watch.title')} gap={4}>
      <Flex gap={3} alignItems="flex-start">
        <Switch
          id="segment-watch-switch"
          aria-describedby="segment-watch-hint"
          checked={watch.watched}
          disabled={!canUpdate || watch.toggling}
          onCheckedChange={(checked: boolean) => void watch.setWatched(checked)}
          onLabel={t('watch.on')}
          offLabel={t('watch.off')}
        />
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Typography tag="label" htmlFor="segment-watch-switch" fontWeight="semiBold">
            {t('watch.switch')}
          </Typography>
          <Typography variant="pi" textColor="neutral600" id="segment-watch-hint">
            {t('watch.hint')}
          </Typography>
        </Flex>
      </Flex>
      {watch.watched ? (
        <>
          <RefreshBar
            lastRefresh={watch.lastRefresh}
            result={watch.result}
            refreshing={watch.refreshing}
            onRefresh={canUpdate ? watch.refresh : undefined}
          />
          <HistoryChart state={watch.history} days={WATCH_HISTORY_DAYS} />
          <RecentChanges state={watch.changes} limit={CHANGES_PAGE} />
        </>
      ) : null}
    </PanelSection>
  );
};
