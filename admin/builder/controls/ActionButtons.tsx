import { Button, IconButton } from '@strapi/design-system';
import { Duplicate, Plus, Trash } from '@strapi/icons';
import { memo, useCallback } from 'react';
import type { ActionProps, RuleGroupType } from 'react-querybuilder';
import { styled } from 'styled-components';
import { useT } from '../../i18n';
import { cloneAfter } from '../tree';

const click = (handle: ActionProps['handleOnClick']) => (e: React.MouseEvent) => handle(e);

const AddButton = ({ handleOnClick, disabled, label }: ActionProps & { label: string }) => (
  <Button variant="tertiary" size="S" startIcon={<Plus />} onClick={click(handleOnClick)} disabled={disabled}>
    {label}
  </Button>
);

export const AddRuleButton = memo(function AddRuleButton(props: ActionProps) {
  const t = useT();
  return <AddButton {...props} label={t('builder.addRule')} />;
});

export const AddGroupButton = memo(function AddGroupButton(props: ActionProps) {
  const t = useT();
  return <AddButton {...props} label={t('builder.addGroup')} />;
});

/**
 * Duplicate and remove travel together at the end of a row: as separate items of a wrapping row,
 * a long rule (a relative date in a sub-query) left the remove button alone on a line of its own.
 */
const EndActions = styled.div`
  display: flex;
  gap: ${({ theme }) => theme.spaces[1]};
  margin-left: auto;
`;

/** Duplicates with fresh ids all the way down; react-querybuilder's own clone keeps a sub-query's group id. */
function useCloneHere({ schema, path }: ActionProps) {
  return useCallback(() => schema.dispatchQuery(cloneAfter(schema.getQuery() as RuleGroupType, path)), [schema, path]);
}

function CloneAndRemove({ cloneLabel, removeLabel, ...props }: ActionProps & { cloneLabel: string; removeLabel: string }) {
  const clone = useCloneHere(props);
  return (
    <EndActions>
      <IconButton label={cloneLabel} variant="ghost" size="S" onClick={clone} disabled={props.disabled}>
        <Duplicate />
      </IconButton>
      <IconButton label={removeLabel} variant="ghost" size="S" onClick={click(props.handleOnClick)} disabled={props.disabled}>
        <Trash />
      </IconButton>
    </EndActions>
  );
}

/** In place of react-querybuilder's remove-rule action (its clone action is switched off): duplicate and remove. */
export const RuleEndActions = memo(function RuleEndActions(props: ActionProps) {
  const t = useT();
  return <CloneAndRemove {...props} cloneLabel={t('builder.cloneRule')} removeLabel={t('builder.removeRule')} />;
});

/** The same for a group (the root group has neither). */
export const GroupEndActions = memo(function GroupEndActions(props: ActionProps) {
  const t = useT();
  return <CloneAndRemove {...props} cloneLabel={t('builder.cloneGroup')} removeLabel={t('builder.removeGroup')} />;
});
