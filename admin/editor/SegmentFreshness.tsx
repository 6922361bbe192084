import { Box, Typography } from '@strapi/design-system';
import type { SegmentRecord } from '../../server/types';
import { useFormat } from '../components/format';
import { useT } from '../i18n';

/** When the saved segment was last counted, how long it took, and why the last count failed if it did. */
export const SegmentFreshness = ({ segment }: { segment: Pick<SegmentRecord, 'lastCount' | 'lastCountAt' | 'lastCountMs' | 'lastCountError'> }) => {
  const t = useT();
  const format = useFormat();
  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" paddingLeft={6} paddingRight={6} paddingTop={4} paddingBottom={4}>
      <Typography variant="pi" textColor="neutral600" tag="p">
        {segment.lastCountAt
          ? t('freshness.counted', { date: format.date(segment.lastCountAt), count: format.count(segment.lastCount), ms: segment.lastCountMs ?? 0 })
          : t('freshness.never')}
      </Typography>
      {segment.lastCountError ? (
        <Typography variant="pi" textColor="danger600" tag="p" role="status">
          {t('freshness.error', { message: segment.lastCountError })}
        </Typography>
      ) : null}
    </Box>
  );
};
