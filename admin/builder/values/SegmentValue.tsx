import { Flex, Typography } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import type { LookupItem } from '../../../shared/contracts/lookup';
import { SEGMENT_UID } from '../../../shared/contracts/constants';
import { useT } from '../../i18n';
import { useBuilderServices } from '../context';
import { RecordPicker } from './RecordPicker';
import type { ValueProps } from './types';
import { useLookupLabels } from './useLookup';

const isArchived = (item: LookupItem) => item.detail === 'archived';

/**
 * Membership of other segments; the segment being edited is never offered (it would be a cycle).
 * A chosen segment that is archived is marked, at the rule: it still counts, but nobody looks after it.
 */
export function SegmentValue({ value, onChange, label, disabled }: ValueProps) {
  const t = useT();
  const { segmentId } = useBuilderServices();
  const ids = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const labelOf = useLookupLabels(SEGMENT_UID, ids);
  const archived = ids.map(labelOf).filter((item): item is LookupItem => Boolean(item && item.label && isArchived(item)));
  return (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <RecordPicker
        target={SEGMENT_UID}
        value={value}
        multiple
        onChange={onChange}
        label={label}
        exclude={segmentId}
        describe={(item) => (isArchived(item) ? t('builder.segment.archived') : null)}
        flag={(item) => (isArchived(item) ? t('builder.segment.archived') : null)}
        disabled={disabled}
      />
      {archived.length > 0 ? (
        <Flex gap={1} data-testid="archived-reference">
          <WarningCircle aria-hidden fill="warning600" width="1.4rem" height="1.4rem" />
          <Typography variant="pi" textColor="warning600">
            {t('builder.segment.usesArchived', { names: archived.map((s) => `“${s.label}”`).join(', '), count: archived.length })}
          </Typography>
        </Flex>
      ) : null}
    </Flex>
  );
}
