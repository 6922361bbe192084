import { Badge, Flex, Loader, Td, Typography } from '@strapi/design-system';
import { useFormat } from '../components/format';
import type { SparkPoint } from '../components/Sparkline';
import { useT } from '../i18n';
import { SegmentTrend } from './SegmentTrend';
import type { RowCount } from './useSegmentCounts';

export const WRAP = { whiteSpace: 'normal' } as const;

/**
 * The "Contacts" and "Counted" cells of a segment row: a loader while counting, the time a count took,
 * and a watched segment's recent counts as a sparkline.
 */
export const SegmentCountCells = ({ name, count, recent = [] }: { name: string; count: RowCount; recent?: SparkPoint[] }) => {
  const t = useT();
  const format = useFormat();
  return (
    <>
      <Td>
        {count.counting ? (
          <Loader small>{t('segments.counting', { name })}</Loader>
        ) : (
          <Flex gap={2}>
            <Badge>{format.count(count.lastCount)}</Badge>
            <SegmentTrend name={name} points={recent} />
            {/* The last known count stays; the failure and its reason are said beside it. */}
            {count.pending ? (
              <Typography textColor="neutral600" variant="pi">
                {t('segments.stillCounting')}
              </Typography>
            ) : null}
            {count.error ? (
              <Typography textColor="danger600" variant="pi" title={count.error}>
                {t('segments.countFailed')}
              </Typography>
            ) : null}
          </Flex>
        )}
      </Td>
      <Td>
        {/* The table keeps cells on one line; times may wrap so the row's actions stay on a 1024 px screen. */}
        <Typography textColor="neutral600" style={WRAP}>
          {count.lastCountMs != null
            ? t('segments.countedIn', { date: format.date(count.lastCountAt), ms: count.lastCountMs })
            : format.date(count.lastCountAt)}
        </Typography>
      </Td>
    </>
  );
};
