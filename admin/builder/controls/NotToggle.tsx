import { Checkbox } from '@strapi/design-system';
import { memo } from 'react';
import type { NotToggleProps } from 'react-querybuilder';
import { useT } from '../../i18n';

/** NOT on a group: the group's exact complement. */
export const NotToggle = memo(function NotToggle({ checked, handleOnChange, disabled }: NotToggleProps) {
  const t = useT();
  return (
    <Checkbox
      aria-label={t('builder.not.label')}
      checked={!!checked}
      onCheckedChange={(next: boolean | 'indeterminate') => handleOnChange(next === true)}
      disabled={disabled}
    >
      {t('builder.not')}
    </Checkbox>
  );
});
