import { Box, Button, Flex, Typography } from '@strapi/design-system';
import type { SegmentRecord } from '../../shared/contracts/records';
import { useFormat } from '../components/format';
import { useT } from '../i18n';

type Freshness = Pick<SegmentRecord, 'lastCount' | 'lastCountAt' | 'lastCountMs' | 'lastCountError'>;

/**
 * When the saved segment was last counted, how long it took, and why the last count failed if it
 * did; "Count now" recounts it, and a count over the server's budget says it is still counting.
 */
export const SegmentFreshness = ({
  segment,
  onCount,
  counting = false,
  pending = false,
}: {
  segment: Freshness;
  onCount?: () => void;
  counting?: boolean;
  pending?: boolean;
}) => {
  const t = useT();
  const format = useFormat();
  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" paddingLeft={6} paddingRight={6} paddingTop={4} paddingBottom={4}>
      <Flex justifyContent="space-between" alignItems="flex-start" gap={2}>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Typography variant="pi" textColor="neutral600" tag="p">
            {segment.lastCountAt
              ? t('freshness.counted', {
                  date: format.date(segment.lastCountAt),
                  count: format.count(segment.lastCount),
                  ms: segment.lastCountMs ?? 0,
                })
              : t('freshness.never')}
          </Typography>
          {pending ? (
            <Typography variant="pi" textColor="neutral600" tag="p" role="status">
              {t('segments.stillCounting')}
            </Typography>
          ) : null}
          {segment.lastCountError ? (
            <Typography variant="pi" textColor="danger600" tag="p" role="status">
              {t('freshness.error', { message: segment.lastCountError })}
            </Typography>
          ) : null}
        </Flex>
        {onCount ? (
          <Button variant="tertiary" size="S" loading={counting} onClick={onCount}>
            {t('freshness.countNow')}
          </Button>
        ) : null}
      </Flex>
    </Box>
  );
};
