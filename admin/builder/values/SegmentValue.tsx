import { SEGMENT_UID } from '../../../shared/lookup';
import { useT } from '../../i18n';
import { useBuilderServices } from '../context';
import { RecordPicker } from './RecordPicker';
import type { ValueProps } from './types';

/** Membership of other segments; the segment being edited is never offered (it would be a cycle). */
export function SegmentValue({ value, onChange, label, disabled }: ValueProps) {
  const t = useT();
  const { segmentId } = useBuilderServices();
  return (
    <RecordPicker
      target={SEGMENT_UID}
      value={value}
      multiple
      onChange={onChange}
      label={label}
      exclude={segmentId}
      describe={(item) => (item.detail === 'archived' ? t('builder.segment.archived') : null)}
      disabled={disabled}
    />
  );
}
