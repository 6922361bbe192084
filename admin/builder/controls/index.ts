/** The builder's control elements, themed with the Strapi design system; one file per control kind. */
import { RuleDnD, RuleGroupDnD } from '@react-querybuilder/dnd';
import { memo } from 'react';
import type { ControlElementsProp, FullField } from 'react-querybuilder';
import { ValueEditor } from '../values/ValueEditor';
import { AddGroupButton, AddRuleButton, GroupEndActions, RuleEndActions } from './ActionButtons';
import { CombinatorSelector } from './CombinatorSelector';
import { DragHandle } from './DragHandle';
import { FieldSelector } from './FieldSelector';
import { MatchModeEditor } from './MatchModeEditor';
import { NotToggle } from './NotToggle';
import { OperatorSelector } from './OperatorSelector';
import { RuleGroupWithIssues, RuleWithIssues } from './RuleFrames';
import { ShiftActions } from './ShiftActions';

export const controlElements: ControlElementsProp<FullField, string> = {
  fieldSelector: FieldSelector,
  operatorSelector: OperatorSelector,
  combinatorSelector: CombinatorSelector,
  notToggle: NotToggle,
  addRuleAction: AddRuleButton,
  addGroupAction: AddGroupButton,
  removeRuleAction: RuleEndActions,
  removeGroupAction: GroupEndActions,
  shiftActions: ShiftActions,
  dragHandle: DragHandle,
  matchModeEditor: MatchModeEditor,
  valueEditor: ValueEditor,
};

/**
 * With drag and drop, rules and groups are the library's drag-and-drop wrappers, memoized here: the
 * library's are not, so a keystroke in one value re-ran the react-dnd hooks of every rule.
 */
export const dndControlElements: ControlElementsProp<FullField, string> = {
  ...controlElements,
  rule: memo(RuleDnD),
  ruleGroup: memo(RuleGroupDnD),
};

/**
 * The rule and group frames. With drag and drop they go to the dnd wrapper, which renders them
 * inside its own draggable rule and group (given to QueryBuilder, they would replace those).
 */
export const frameElements: ControlElementsProp<FullField, string> = {
  rule: RuleWithIssues,
  ruleGroup: RuleGroupWithIssues,
};

export const allControlElements: ControlElementsProp<FullField, string> = { ...controlElements, ...frameElements };
