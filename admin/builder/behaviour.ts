/**
 * How new rules and groups are made, for the top builder and for every sub-query builder
 * (react-querybuilder gives each sub-query its own builder, which takes these through
 * `getSubQueryBuilderProps`). Module-level and cached per field list, so props stay stable.
 */
import type { FullCombinator, FullField, FullOperator, QueryBuilderProps, RuleGroupType, RuleType } from 'react-querybuilder';
import type { CatalogField } from '../../shared/catalog';
import { catalogFieldOf } from './fields';
import { ruleForField } from './tree';

const ruleAdders = new WeakMap<readonly CatalogField[], (rule: RuleType) => RuleType | false>();

/** A new rule gets the defaults of its field (to-many: has some, empty sub-group). */
export function addRuleWith(fields: readonly CatalogField[]) {
  let add = ruleAdders.get(fields);
  if (!add) {
    add = (rule: RuleType) => {
      const field = fields.find((f) => f.name === rule.field) ?? fields[0];
      return field ? (ruleForField(field, rule.id) as RuleType) : false;
    };
    ruleAdders.set(fields, add);
  }
  return add;
}

export const addGroup = (group: RuleGroupType): RuleGroupType => ({ id: group.id, combinator: 'and', rules: [] });

/** What every builder level shows. */
// No clone buttons of react-querybuilder's own: the remove action renders duplicate and remove together.
export const SHOWN = { showNotToggle: true, showShiftActions: true, showCloneButtons: false } as const;

type SubBuilderProps = Pick<
  QueryBuilderProps<RuleGroupType, FullField, FullOperator, FullCombinator>,
  'onAddRule' | 'onAddGroup' | keyof typeof SHOWN
>;
const subBuilderProps = new WeakMap<CatalogField, SubBuilderProps>();

export function subQueryBuilderProps(_field: string, misc: { fieldData: FullField }): SubBuilderProps {
  const field = catalogFieldOf(misc.fieldData);
  if (!field) return {};
  let props = subBuilderProps.get(field);
  if (!props) {
    props = { ...SHOWN, onAddRule: addRuleWith(field.subFields ?? []), onAddGroup: addGroup };
    subBuilderProps.set(field, props);
  }
  return props;
}
