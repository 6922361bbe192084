import { TextInput } from '@strapi/design-system';
import type { ValueProps } from './types';
import { useTypedValue } from './useTypedValue';

const asText = (value: unknown) => (typeof value === 'string' ? value : value == null ? '' : String(value));
const same = (text: string) => text;

/** Free text: contains, begins with, = on a text field... */
export function TextValue({ value, onChange, label, disabled }: ValueProps) {
  const typed = useTypedValue(value, onChange, same, asText);
  return <TextInput aria-label={label} size="S" value={typed.text} {...typed.inputProps} disabled={disabled} />;
}
