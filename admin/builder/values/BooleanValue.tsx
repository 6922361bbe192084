import { SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useT } from '../../i18n';
import type { ValueProps } from './types';

/** true / false, stored as booleans. */
export function BooleanValue({ value, onChange, label, disabled }: ValueProps) {
  const t = useT();
  const selected = value === true ? 'true' : value === false ? 'false' : undefined;
  return (
    <SingleSelect
      aria-label={label}
      size="S"
      value={selected}
      placeholder={t('builder.value.choose')}
      onChange={(v: string | number) => onChange(v === 'true')}
      disabled={disabled}
    >
      <SingleSelectOption value="true">{t('builder.value.true')}</SingleSelectOption>
      <SingleSelectOption value="false">{t('builder.value.false')}</SingleSelectOption>
    </SingleSelect>
  );
}
