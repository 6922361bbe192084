import { Button, IconButton } from '@strapi/design-system';
import { Duplicate, Plus, Trash } from '@strapi/icons';
import { memo, useCallback } from 'react';
import type { ActionProps, RuleGroupType } from 'react-querybuilder';
import { useT } from '../../i18n';
import { cloneAfter } from '../tree';

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

/** Duplicates with fresh ids all the way down; react-querybuilder's own clone keeps a sub-query's group id. */
function useCloneHere({ schema, path }: ActionProps) {
  return useCallback(() => schema.dispatchQuery(cloneAfter(schema.getQuery() as RuleGroupType, path)), [schema, path]);
}

export const CloneRuleButton = memo(function CloneRuleButton(props: ActionProps) {
  const t = useT();
  const clone = useCloneHere(props);
  return (
    <IconButton label={t('builder.cloneRule')} variant="ghost" size="S" onClick={clone} disabled={props.disabled}>
      <Duplicate />
    </IconButton>
  );
});

export const CloneGroupButton = memo(function CloneGroupButton(props: ActionProps) {
  const t = useT();
  const clone = useCloneHere(props);
  return (
    <IconButton label={t('builder.cloneGroup')} variant="ghost" size="S" onClick={clone} disabled={props.disabled}>
      <Duplicate />
    </IconButton>
  );
});
