import { memo } from 'react';
import type { CombinatorSelectorProps } from 'react-querybuilder';
import { useT } from '../../i18n';
import { OptionSelect } from './OptionSelect';

/** AND / OR of a group. */
export const CombinatorSelector = memo(function CombinatorSelector({ value, handleOnChange, disabled }: CombinatorSelectorProps) {
  const t = useT();
  return (
    <OptionSelect
      label={t('builder.combinator')}
      options={[
        { value: 'and', label: t('builder.combinator.and') },
        { value: 'or', label: t('builder.combinator.or') },
      ]}
      value={value}
      onChange={handleOnChange}
      disabled={disabled}
    />
  );
});
