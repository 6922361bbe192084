import { Flex, IconButton } from '@strapi/design-system';
import { ArrowDown, ArrowUp } from '@strapi/icons';
import { memo } from 'react';
import type { ShiftActionsProps } from 'react-querybuilder';
import { useT } from '../../i18n';

/** Move up / down: the keyboard's way to do what dragging does, across group boundaries too. */
export const ShiftActions = memo(function ShiftActions({
  shiftUp,
  shiftDown,
  shiftUpDisabled,
  shiftDownDisabled,
  disabled,
}: ShiftActionsProps) {
  const t = useT();
  return (
    <Flex gap={1}>
      <IconButton label={t('builder.moveUp')} variant="ghost" size="S" onClick={() => shiftUp()} disabled={disabled || shiftUpDisabled}>
        <ArrowUp />
      </IconButton>
      <IconButton
        label={t('builder.moveDown')}
        variant="ghost"
        size="S"
        onClick={() => shiftDown()}
        disabled={disabled || shiftDownDisabled}
      >
        <ArrowDown />
      </IconButton>
    </Flex>
  );
});
