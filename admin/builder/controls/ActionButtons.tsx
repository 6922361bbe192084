import { Button, IconButton } from '@strapi/design-system';
import { Duplicate, Plus, Trash } from '@strapi/icons';
import { memo } from 'react';
import type { ActionProps } from 'react-querybuilder';
import { useT } from '../../i18n';

const click = (handle: ActionProps['handleOnClick']) => (e: React.MouseEvent) => handle(e);

export const AddRuleButton = memo(function AddRuleButton({ handleOnClick, disabled }: ActionProps) {
  const t = useT();
  return (
    <Button variant="tertiary" size="S" startIcon={<Plus />} onClick={click(handleOnClick)} disabled={disabled}>
      {t('builder.addRule')}
    </Button>
  );
});

export const AddGroupButton = memo(function AddGroupButton({ handleOnClick, disabled }: ActionProps) {
  const t = useT();
  return (
    <Button variant="tertiary" size="S" startIcon={<Plus />} onClick={click(handleOnClick)} disabled={disabled}>
      {t('builder.addGroup')}
    </Button>
  );
});

export const RemoveRuleButton = memo(function RemoveRuleButton({ handleOnClick, disabled }: ActionProps) {
  const t = useT();
  return (
    <IconButton label={t('builder.removeRule')} variant="ghost" size="S" onClick={click(handleOnClick)} disabled={disabled}>
      <Trash />
    </IconButton>
  );
});

export const RemoveGroupButton = memo(function RemoveGroupButton({ handleOnClick, disabled }: ActionProps) {
  const t = useT();
  return (
    <IconButton label={t('builder.removeGroup')} variant="ghost" size="S" onClick={click(handleOnClick)} disabled={disabled}>
      <Trash />
    </IconButton>
  );
});

export const CloneRuleButton = memo(function CloneRuleButton({ handleOnClick, disabled }: ActionProps) {
  const t = useT();
  return (
    <IconButton label={t('builder.cloneRule')} variant="ghost" size="S" onClick={click(handleOnClick)} disabled={disabled}>
      <Duplicate />
    </IconButton>
  );
});

export const CloneGroupButton = memo(function CloneGroupButton({ handleOnClick, disabled }: ActionProps) {
  const t = useT();
  return (
    <IconButton label={t('builder.cloneGroup')} variant="ghost" size="S" onClick={click(handleOnClick)} disabled={disabled}>
      <Duplicate />
    </IconButton>
  );
});
