import { Button, Flex, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import type { LastRefresh, RefreshResult } from '../../../shared/contracts/watch';
import { useFormat } from '../../components/format';
import { useT } from '../../i18n';

/**
 * The last refresh of a watched segment (when, how many, or why it failed), "Refresh now" when
 * `onRefresh` is given (the update permission), and what the refresh just made here did.
 */
export const RefreshBar = ({
  lastRefresh,
  result,
  refreshing,
  onRefresh,
}: {
  lastRefresh: LastRefresh | null;
  result: RefreshResult | null;
  refreshing: boolean;
  onRefresh?: () => void;
}) => {
  const t = useT();
  const format = useFormat();
  return (
    <Flex justifyContent="space-between" alignItems="flex-start" gap={4} wrap="wrap">
      <Flex direction="column" alignItems="flex-start" gap={1}>
        {!lastRefresh ? (
          <Typography textColor="neutral600">{t('watch.never')}</Typography>
        ) : lastRefresh.status === 'failed' ? (
          <Typography textColor="danger600" role="alert">
            {t('watch.lastFailed', { date: format.date(lastRefresh.at), error: lastRefresh.error ?? t('common.none') })}
          </Typography>
        ) : (
          <Typography textColor="neutral600">
            {t('watch.lastRefresh', { date: format.date(lastRefresh.at), count: lastRefresh.count ?? 0 })}
          </Typography>
        )}
        {result ? (
          <Typography fontWeight="bold" role="status">
            {t('watch.refreshed', { entered: result.entered, left: result.left })}
          </Typography>
        ) : null}
      </Flex>
      {onRefresh ? (
        <Button variant="secondary" startIcon={<ArrowClockwise />} loading={refreshing} onClick={onRefresh}>
          {t('watch.refresh')}
        </Button>
      ) : null}
    </Flex>
  );
};
