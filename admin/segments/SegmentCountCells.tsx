import { Badge, Flex, Loader, Td, Typography } from '@strapi/design-system';
import { useFormat } from '../components/format';
import type { SparkPoint } from '../components/Sparkline';
import { useT } from '../i18n';
import { SegmentTrend } from './SegmentTrend';
import type { RowCount } from './useSegmentCounts';

export const WRAP = { whiteSpace: 'normal' } as const;

/**
 * The "Contacts" and "Counted" cells of a segment row. While a count is retaken the last one stays,
 * with "counting…" beside it, and a watched segment's recent counts show as a sparkline; "Counted"
 * says how long ago the number was taken (the date on hover) and how long it took.
 */
export const SegmentCountCells = ({ name, count, recent = [] }: { name: string; count: RowCount; recent?: SparkPoint[] }) => {
  const t = useT();
  const format = useFormat();
  return (
    <>
      <Td>
        <Flex gap={2} wrap="wrap">
          {count.counting && count.lastCount == null ? null : <Badge>{format.count(count.lastCount)}</Badge>}
          <SegmentTrend name={name} points={recent} />
          {count.counting ? (
            <Flex gap={1}>
              <Loader small>{t('segments.counting', { name })}</Loader>
              <Typography textColor="neutral600" variant="pi">
                {t('segments.countingShort')}
              </Typography>
            </Flex>
          ) : null}
          {/* The last known count stays; the failure and its reason are said beside it. */}
          {count.pending && !count.counting ? (
            <Typography textColor="neutral600" variant="pi">
              {t('segments.stillCounting')}
            </Typography>
          ) : null}
          {count.error && !count.counting ? (
            <Typography textColor="danger600" variant="pi" title={count.error}>
              {t('segments.countFailed')}
            </Typography>
          ) : null}
        </Flex>
      </Td>
      <Td>
        <Typography
          textColor="neutral600"
          style={WRAP}
          title={count.lastCountAt ? format.date(count.lastCountAt) : undefined}
          data-testid="counted-at"
        >
          {count.lastCountAt
            ? count.lastCountMs != null
              ? t('segments.countedAgo', { ago: format.ago(count.lastCountAt), ms: count.lastCountMs })
              : format.ago(count.lastCountAt)
            : t('segments.notCounted')}
        </Typography>
      </Td>
    </>
  );
};
