import { TextInput } from '@strapi/design-system';
import type { ValueProps } from './types';

/** Free text: contains, begins with, = on a text field... */
export function TextValue({ value, onChange, label, disabled }: ValueProps) {
  return (
    <TextInput
      aria-label={label}
      size="S"
      value={typeof value === 'string' ? value : value == null ? '' : String(value)}
      onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
      disabled={disabled}
    />
  );
}
