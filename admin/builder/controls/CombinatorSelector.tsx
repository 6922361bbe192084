import { SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { memo } from 'react';
import type { CombinatorSelectorProps } from 'react-querybuilder';
import { useT } from '../../i18n';

/** AND / OR of a group. */
export const CombinatorSelector = memo(function CombinatorSelector({ value, handleOnChange, disabled }: CombinatorSelectorProps) {
  const t = useT();
  return (
    <SingleSelect
      aria-label={t('builder.combinator')}
      size="S"
      value={value}
      onChange={(v: string | number) => handleOnChange(String(v))}
      disabled={disabled}
    >
      <SingleSelectOption value="and">{t('builder.combinator.and')}</SingleSelectOption>
      <SingleSelectOption value="or">{t('builder.combinator.or')}</SingleSelectOption>
    </SingleSelect>
  );
});
