import { useT } from '../../i18n';
import { OptionSelect } from '../controls/OptionSelect';
import type { ValueProps } from './types';

/** true / false, stored as booleans. */
export function BooleanValue({ value, onChange, label, disabled }: ValueProps) {
  const t = useT();
  return (
    <OptionSelect
      label={label}
      options={[
        { value: 'true', label: t('builder.value.true') },
        { value: 'false', label: t('builder.value.false') },
      ]}
      value={value === true ? 'true' : value === false ? 'false' : undefined}
      onChange={(v) => onChange(v === 'true')}
      disabled={disabled}
    />
  );
}
