import { isListOperator } from '../tree';
import { RecordPicker } from './RecordPicker';
import type { ValueProps } from './types';

/** A to-one relation (a contact's company, a deal's company, an email event's campaign), by documentId. */
export function RelationValue({ field, operator, value, onChange, label, disabled }: ValueProps) {
  if (!field.target) return null;
  return (
    <RecordPicker
      target={field.target}
      value={value}
      multiple={isListOperator(operator)}
      onChange={onChange}
      label={label}
      disabled={disabled}
    />
  );
}
