import { ComboboxOption, Flex, Typography } from '@strapi/design-system';
import type { ReactNode } from 'react';

/**
 * A combobox option shown by its label with a quieter detail: beside it (a field's group, in the
 * field picker) or under it (`stacked`: a record's send date or state, in the record pickers).
 */
export function DetailedOption({
  value,
  label,
  detail,
  stacked = false,
}: {
  value: string;
  label: string;
  detail?: ReactNode;
  stacked?: boolean;
}) {
  return (
    <ComboboxOption value={value} textValue={label}>
      <Flex {...(stacked ? { direction: 'column', alignItems: 'flex-start' } : { justifyContent: 'space-between', gap: 4, width: '100%' })}>
        <Typography>{label}</Typography>
        {detail ? (
          <Typography variant="pi" textColor="neutral600">
            {detail}
          </Typography>
        ) : null}
      </Flex>
    </ComboboxOption>
  );
}
