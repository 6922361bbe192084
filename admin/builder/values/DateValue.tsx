import { Flex, TextInput, Typography } from '@strapi/design-system';
import { useT } from '../../i18n';
import { OptionSelect } from '../controls/OptionSelect';
import { WholeNumberInput } from '../controls/WholeNumberInput';
import { UNIT_MESSAGES } from '../messages';
import { DATE_UNITS, readRelative, writeRelative, type RelativeDate } from '../relative-date';
import type { ValueProps } from './types';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

interface DateFieldProps {
  value: unknown;
  onChange: (value: string) => void;
  label: string;
  disabled?: boolean;
}

/**
 * An absolute date as `YYYY-MM-DD` (a datetime field reads it as that day's UTC midnight). A loaded
 * value the date input cannot hold (a time of day, `now`) is shown as the text it is, so it survives.
 */
export function DateField({ value, onChange, label, disabled }: DateFieldProps) {
  const text = typeof value === 'string' ? value : '';
  const asDate = text === '' || ISO_DAY.test(text);
  return (
    <TextInput
      aria-label={label}
      size="S"
      type={asDate ? 'date' : 'text'}
      value={text}
      onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
      disabled={disabled}
    />
  );
}

/** A date value: in words when it is relative ("in the last 60 days"), otherwise a date. */
export function DateValue({ field, operator, value, onChange, label, disabled }: ValueProps) {
  const relative = readRelative(operator, value);
  if (relative) return <RelativeDateValue relative={relative} onChange={onChange} label={field.label} disabled={disabled} />;
  return <DateField value={value} onChange={onChange} label={label} disabled={disabled} />;
}

/**
 * The amount and unit of a relative date; its phrase (and so the operator) is chosen in the
 * operator list. An amount that is not a whole number is flagged and not written.
 */
function RelativeDateValue({
  relative,
  onChange,
  label,
  disabled,
}: {
  relative: RelativeDate;
  onChange: (v: string) => void;
  label: string;
  disabled?: boolean;
}) {
  const t = useT();
  const write = (next: Partial<RelativeDate>) => onChange(writeRelative({ ...relative, ...next }).value);
  const suffix =
    relative.phrase === 'ago' ? t('builder.relative.agoSuffix') : relative.phrase === 'later' ? t('builder.relative.laterSuffix') : null;
  return (
    <Flex gap={2} alignItems="flex-start">
      <WholeNumberInput
        value={relative.amount}
        min={0}
        maxDigits={6}
        label={t('builder.relative.amount', { unit: t(UNIT_MESSAGES[relative.unit]) })}
        onChange={(amount) => write({ amount })}
        disabled={disabled}
      />
      <OptionSelect
        label={`${t('builder.relative.unit')} (${label})`}
        options={DATE_UNITS.map((unit) => ({ value: unit, label: t(UNIT_MESSAGES[unit]) }))}
        value={relative.unit}
        onChange={(unit) => write({ unit })}
        disabled={disabled}
      />
      {suffix ? (
        <Typography textColor="neutral600" paddingTop={2}>
          {suffix}
        </Typography>
      ) : null}
    </Flex>
  );
}
