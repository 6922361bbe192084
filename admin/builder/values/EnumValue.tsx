import { MultiSelect, MultiSelectOption } from '@strapi/design-system';
import type { CatalogOption } from '../../../shared/catalog';
import { useT } from '../../i18n';
import { OptionSelect } from '../controls/OptionSelect';
import type { ValueProps } from './types';

/** A stored value as the option it means; the server compares options case-insensitively. */
const optionValue = (options: CatalogOption[], value: unknown) =>
  typeof value === 'string' ? (options.find((o) => o.value.toLowerCase() === value.toLowerCase())?.value ?? value) : undefined;

/** One enumeration value, shown by its label. */
export function EnumValue({ field, value, onChange, label, disabled }: ValueProps) {
  const options = field.options ?? [];
  return <OptionSelect label={label} options={options} value={optionValue(options, value)} onChange={onChange} disabled={disabled} />;
}

/** Several enumeration values (in / not in). Laid out like OptionSelect on purpose: the design system's MultiSelect is another component. */
export function EnumListValue({ field, value, onChange, label, disabled }: ValueProps) {
  const t = useT();
  const options = field.options ?? [];
  const selected = Array.isArray(value) ? value.map((v) => optionValue(options, v)).filter((v): v is string => !!v) : [];
  return (
    <MultiSelect
      aria-label={label}
      size="S"
      value={selected}
      placeholder={t('builder.value.choose')}
      // The closed select does not know its options' labels; name the chosen ones for it.
      customizeContent={(values?: string[]) => (values ?? []).map((v) => options.find((o) => o.value === v)?.label ?? v).join(', ')}
      onChange={(v: string[]) => onChange(v)}
      disabled={disabled}
    >
      {options.map((o) => (
        <MultiSelectOption key={o.value} value={o.value}>
          {o.label}
        </MultiSelectOption>
      ))}
    </MultiSelect>
  );
}
