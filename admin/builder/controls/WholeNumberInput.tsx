import { Field, TextInput } from '@strapi/design-system';
import { useState } from 'react';
import { useT } from '../../i18n';

/**
 * A whole number of at least `min` (and at most `maxDigits` digits): text that is not one stays
 * visible and flagged instead of being dropped, and only a valid number reaches `onChange`.
 */
export function WholeNumberInput({
  value,
  min,
  maxDigits,
  label,
  onChange,
  onInvalid,
  disabled,
}: {
  value: number | undefined;
  min: number;
  maxDigits?: number;
  label: string;
  onChange: (n: number) => void;
  /** Text that is not a number was typed (or the box emptied): for a value the tree must then lose, not keep. */
  onInvalid?: () => void;
  disabled?: boolean;
}) {
  const t = useT();
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? (value === undefined ? '' : String(value));
  const digits = maxDigits ? new RegExp(`^\\d{1,${maxDigits}}$`) : /^\d+$/;
  const isValid = (s: string) => digits.test(s.trim()) && Number(s.trim()) >= min;
  const valid = isValid(text);
  return (
    <Field.Root error={valid ? undefined : t('builder.value.wholeNumber', { min })} width="8rem">
      <TextInput
        aria-label={label}
        size="S"
        inputMode="numeric"
        value={text}
        disabled={disabled}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
          const next = e.target.value;
          setDraft(next);
          if (isValid(next)) onChange(Number(next.trim()));
          else onInvalid?.();
        }}
        onBlur={() => valid && setDraft(null)}
      />
      <Field.Error />
    </Field.Root>
  );
}
