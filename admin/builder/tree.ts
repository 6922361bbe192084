/**
 * The bridge between the filter tree and react-querybuilder's query, plus the rules the builder
 * follows when a rule's field or operator changes. Pure: no React, no I/O.
 *
 * The filter tree is react-querybuilder's RuleGroupType, so the bridge is thin: on the way in every node
 * gets an `id` (react-querybuilder keys and addresses nodes by it); on the way out everything the filter tree
 * does not define (valueSource, disabled, muted, ...) is dropped. Both directions share structure with
 * what they were given, so an unchanged rule keeps its object identity and its memoized row does not
 * re-render when another rule changes.
 */
import { generateID, type RuleGroupType, type RuleType } from 'react-querybuilder';
import type { CatalogField } from '../../shared/catalog';
import { isGroup, type FilterGroup, type FilterRule, type Match } from '../../shared/filter-tree';

type BuilderNode = RuleType | RuleGroupType;

/** Filter-tree node → the builder node it was emitted from, so handing our own output back costs nothing. */
const builderOrigin = new WeakMap<object, BuilderNode>();
/** Builder node → its filter-tree form, so unchanged subtrees are converted once. */
const specOf = new WeakMap<object, FilterRule | FilterGroup>();

/** A builder group: the filter tree's `isGroup`, for react-querybuilder's shape of the same tree. */
const isBuilderGroup = (node: unknown) => isGroup<RuleGroupType>(node);

/** The filter tree as react-querybuilder's query: the same data, with an id on every group and rule. */
export function toBuilderQuery(tree: FilterGroup): RuleGroupType {
  return withIdsGroup(tree);
}

function withIdsGroup(group: FilterGroup): RuleGroupType {
  const origin = builderOrigin.get(group);
  if (origin) return origin as RuleGroupType;
  let changed = !group.id;
  const rules = group.rules.map((child) => {
    const next = isGroup(child) ? withIdsGroup(child) : withIdsRule(child);
    if (next !== (child as unknown)) changed = true;
    return next;
  });
  if (!changed) return group as RuleGroupType;
  return { ...group, id: group.id || generateID(), rules } as RuleGroupType;
}

function withIdsRule(rule: FilterRule): RuleType {
  const origin = builderOrigin.get(rule);
  if (origin) return origin as RuleType;
  const subGroup = isBuilderGroup(rule.value) ? withIdsGroup(rule.value as FilterGroup) : undefined;
  if (rule.id && subGroup === rule.value) return rule as RuleType;
  return {
    ...rule,
    id: rule.id || generateID(),
    ...(subGroup ? { value: subGroup } : {}),
  } as RuleType;
}

/** react-querybuilder's query as the filter tree: only its keys, ids kept. */
export function toSpecTree(query: RuleGroupType): FilterGroup {
  return toSpecGroup(query);
}

function toSpecGroup(group: RuleGroupType): FilterGroup {
  const cached = specOf.get(group);
  if (cached) return cached as FilterGroup;
  const spec: FilterGroup = {
    combinator: group.combinator === 'or' ? 'or' : 'and',
    ...(typeof group.not === 'boolean' ? { not: group.not } : {}),
    rules: group.rules.flatMap((child) => {
      // Independent combinators (strings between rules) are not part of the filter tree; the builder never makes them.
      if (typeof child === 'string') return [];
      return [isBuilderGroup(child) ? toSpecGroup(child) : toSpecRule(child as RuleType)];
    }),
    ...(group.id ? { id: group.id } : {}),
  };
  remember(group, spec);
  return spec;
}

function toSpecRule(rule: RuleType): FilterRule {
  const cached = specOf.get(rule);
  if (cached) return cached as FilterRule;
  const spec: FilterRule = { field: rule.field, operator: rule.operator };
  if (rule.value !== undefined) spec.value = isBuilderGroup(rule.value) ? toSpecGroup(rule.value) : rule.value;
  if (rule.match) spec.match = { ...rule.match } as Match;
  if (rule.id) spec.id = rule.id;
  remember(rule, spec);
  return spec;
}

function remember(node: BuilderNode, spec: FilterRule | FilterGroup) {
  specOf.set(node, spec);
  builderOrigin.set(spec, node);
}

/** The query with the node at `path` replaced, sharing every untouched branch. */
export function replaceAt<G extends { rules: unknown[] }>(group: G, path: readonly number[], node: unknown): G {
  if (path.length === 0) return node as G;
  const [index, ...rest] = path;
  const rules = group.rules.slice();
  rules[index] = rest.length === 0 ? node : replaceAt(rules[index] as G, rest, node);
  return { ...group, rules };
}

/**
 * A copy of the rule or group at `path` inserted right after it, with new ids all the way down
 * (a to-many rule's sub-group included: two nodes sharing an id would share their issues).
 */
export function cloneAfter<G extends { rules: unknown[] }>(group: G, path: readonly number[]): G {
  const parentPath = path.slice(0, -1);
  const index = path[path.length - 1];
  const parent = parentPath.reduce<{ rules: unknown[] }>((node, i) => node.rules[i] as { rules: unknown[] }, group);
  const rules = parent.rules.slice();
  rules.splice(index + 1, 0, withFreshIds(rules[index]));
  return replaceAt(group, parentPath, { ...parent, rules });
}

function withFreshIds(node: unknown): unknown {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return node;
  const copy: Record<string, unknown> = { ...(node as Record<string, unknown>), id: generateID() };
  if (Array.isArray(copy.rules)) copy.rules = copy.rules.map(withFreshIds);
  else if (isBuilderGroup(copy.value)) copy.value = withFreshIds(copy.value);
  return copy;
}

// ---------------------------------------------------------------------------------------------
// Defaults when a rule is created or its field or operator changes.

const VALUELESS = new Set(['null', 'notNull']);
const LIST = new Set(['in', 'notIn']);
const RANGE = new Set(['between', 'notBetween']);

export const isValueless = (operator: string) => VALUELESS.has(operator);
export const isListOperator = (operator: string) => LIST.has(operator);
export const isRangeOperator = (operator: string) => RANGE.has(operator);

export const emptyGroup = (): FilterGroup => ({ id: generateID(), combinator: 'and', rules: [] });

/** A fresh, empty value of the shape `operator` takes on `field`; undefined means the rule has no value (yet). */
export function defaultValue(field: CatalogField, operator: string): unknown {
  if (isValueless(operator)) return undefined;
  switch (field.type) {
    case 'toMany':
      return emptyGroup();
    case 'engagement':
      return { last: 1 };
    case 'segment':
      return [];
    case 'boolean':
      // Nothing chosen for the user: the rule is marked until true or false is picked.
      return undefined;
    default:
      break;
  }
  if (isListOperator(operator)) return [];
  if (isRangeOperator(operator)) return ['', ''];
  // An enumeration starts with no option either: a pre-selected one would be counted without anyone choosing it.
  return '';
}

const firstMatchMode = (field: CatalogField): Match => ({
  mode: field.matchModes?.includes('some') || !field.matchModes?.length ? 'some' : field.matchModes[0],
});

/** A new rule on `field` with its first operator and a value of the right shape. */
export function ruleForField(field: CatalogField, id: string = generateID()): FilterRule {
  const operator = field.type === 'toMany' ? 'matches' : (field.operators[0] ?? '=');
  const rule: FilterRule = { id, field: field.name, operator };
  const value = defaultValue(field, operator);
  if (value !== undefined) rule.value = value;
  if (field.type === 'toMany') rule.match = firstMatchMode(field);
  return rule;
}

const present = (v: unknown) => v !== undefined && v !== null && v !== '';

/**
 * The rule after its operator changed: the value keeps what still makes sense (a single value
 * becomes the first of a list or the low end of a range and back) and takes the new operator's shape.
 */
export function ruleWithOperator(rule: FilterRule, field: CatalogField, operator: string): FilterRule {
  const { value: previous, ...rest } = rule;
  const next: FilterRule = { ...rest, operator };
  const value = adaptValue(field, rule.operator, operator, previous);
  if (value !== undefined) next.value = value;
  return next;
}

function adaptValue(field: CatalogField, from: string, to: string, value: unknown): unknown {
  if (isValueless(to)) return undefined;
  if (field.type === 'toMany' || field.type === 'engagement' || field.type === 'segment') {
    return value === undefined ? defaultValue(field, to) : value;
  }
  const values = Array.isArray(value) ? value.filter(present) : present(value) ? [value] : [];
  if (isListOperator(to)) return values;
  if (isRangeOperator(to)) return [values[0] ?? '', values[1] ?? ''];
  if (isValueless(from) || values.length === 0) return defaultValue(field, to);
  return values[0];
}
