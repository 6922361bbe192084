import { Flex, Typography } from '@strapi/design-system';
import { useT } from '../../i18n';
import { DateField } from './DateValue';
import { NumberField } from './NumberValue';
import type { ValueProps } from './types';

/** between / not between: two inputs, one `[low, high]` value. */
export function RangeValue({ field, value, onChange, disabled }: ValueProps) {
  const t = useT();
  const [low, high] = Array.isArray(value) ? value : [value, ''];
  const Input = field.type === 'date' || field.type === 'datetime' ? DateField : NumberField;
  return (
    <Flex gap={2} alignItems="flex-start">
      <Input
        value={low}
        label={t('builder.value.low', { field: field.label })}
        onChange={(v) => onChange([v, high ?? ''])}
        disabled={disabled}
      />
      <Typography textColor="neutral600" paddingTop={2}>
        {t('builder.value.and')}
      </Typography>
      <Input
        value={high}
        label={t('builder.value.high', { field: field.label })}
        onChange={(v) => onChange([low ?? '', v])}
        disabled={disabled}
      />
    </Flex>
  );
}
