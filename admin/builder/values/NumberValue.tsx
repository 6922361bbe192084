import { Field, TextInput } from '@strapi/design-system';
import { useT } from '../../i18n';
import { isNumberValue } from '../../../shared/bounds';
import { numberText, parseNumberText } from './number';
import { useTypedValue } from './useTypedValue';

const readNumber = (text: string) => parseNumberText(text).value;

interface NumberInputProps {
  value: unknown;
  onChange: (value: number | string) => void;
  label: string;
  disabled?: boolean;
}

/**
 * One number. Not the design system's NumberInput: it drops text that is not a number, and the
 * The filter language wants such text to surface as invalid, so the text is kept (and flagged) as typed.
 */
export function NumberField({ value, onChange, label, disabled }: NumberInputProps) {
  const t = useT();
  const typed = useTypedValue(value, onChange as (value: unknown) => void, readNumber, numberText);
  const text = typed.text;
  const invalid = text.trim() !== '' && !isNumberValue(readNumber(text));
  return (
    <Field.Root error={invalid ? t('builder.value.number') : undefined} width="12rem">
      <TextInput aria-label={label} size="S" inputMode="decimal" value={text} {...typed.inputProps} disabled={disabled} />
      <Field.Error />
    </Field.Root>
  );
}
