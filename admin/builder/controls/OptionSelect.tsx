import { SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useT } from '../../i18n';

/**
 * The builder's small single select: one of `options`, shown by its label, "Choose" while nothing is
 * chosen. Every plain choice of the builder is one (combinator, match mode, boolean, enumeration,
 * engagement mode, date unit); the operator select groups its options and has its own.
 */
export function OptionSelect<V extends string>({
  label,
  options,
  value,
  onChange,
  disabled,
}: {
  label: string;
  options: ReadonlyArray<{ value: V; label: string }>;
  value: V | undefined;
  onChange: (value: V) => void;
  disabled?: boolean;
}) {
  const t = useT();
  return (
    <SingleSelect
      aria-label={label}
      size="S"
      value={value}
      placeholder={t('builder.value.choose')}
      onChange={(v: string | number) => onChange(String(v) as V)}
      disabled={disabled}
    >
      {options.map((o) => (
        <SingleSelectOption key={o.value} value={o.value}>
          {o.label}
        </SingleSelectOption>
      ))}
    </SingleSelect>
  );
}
