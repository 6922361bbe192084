import { Button, IconButton } from '@strapi/design-system';
import { Duplicate, Plus, Trash } from '@strapi/icons';
import { memo, useCallback } from 'react';
import type { ActionProps, RuleGroupType } from 'react-querybuilder';
import { styled } from 'styled-components';
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

/** In place of react-querybuilder's remove-rule action (its clone action is switched off): duplicate and remove. */
export const RuleEndActions = memo(function RuleEndActions(props: ActionProps) {
  const t = useT();
  const clone = useCloneHere(props);
  return (
    <EndActions>
      <IconButton label={t('builder.cloneRule')} variant="ghost" size="S" onClick={clone} disabled={props.disabled}>
        <Duplicate />
      </IconButton>
      <IconButton label={t('builder.removeRule')} variant="ghost" size="S" onClick={click(props.handleOnClick)} disabled={props.disabled}>
        <Trash />
      </IconButton>
    </EndActions>
  );
});

/** The same for a group (the root group has neither). */
export const GroupEndActions = memo(function GroupEndActions(props: ActionProps) {
  const t = useT();
  const clone = useCloneHere(props);
  return (
    <EndActions>
      <IconButton label={t('builder.cloneGroup')} variant="ghost" size="S" onClick={clone} disabled={props.disabled}>
        <Duplicate />
      </IconButton>
      <IconButton label={t('builder.removeGroup')} variant="ghost" size="S" onClick={click(props.handleOnClick)} disabled={props.disabled}>
        <Trash />
      </IconButton>
    </EndActions>
  );
});
