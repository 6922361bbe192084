/**
 * What a rule still needs before it means something, in the builder's own words (the rule for
 * what is complete, docs/semantics.md#3-operators-and-values, the same one the server's validator applies through shared/bounds.ts).
 * Pure: the rule frame marks its own rule with it, and the editor checks the whole tree before it
 * counts or saves.
 */
import { NUMBER_TYPES, type CatalogField } from '../../shared/catalog';
import { boundsReversed, isBlankText } from '../../shared/bounds';
import { isGroup, THRESHOLD_MODES, type FilterGroup, type FilterRule } from '../../shared/filter-tree';
import type { MessageId, MessageValues } from '../i18n';
import { isListOperator, isRangeOperator, isValueless } from './tree';
import { isNumberValue } from '../../shared/bounds';
import { numberText } from './values/number';

export interface Problem {
  id: MessageId;
  values?: MessageValues;
}

const isNumberType = (type: string) => (NUMBER_TYPES as readonly string[]).includes(type);
const isDateType = (type: string) => type === 'date' || type === 'datetime';
const missing = (v: unknown) => v === undefined || v === null || isBlankText(v);
const isWhole = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** The first thing `rule` needs, or undefined when it is complete. Unknown fields are the server's to name. */
export function ruleProblem(rule: FilterRule, field: CatalogField | undefined): Problem | undefined {
  if (!field) return undefined;
  const values = { field: field.label };
  if (field.type === 'toMany') {
    const mode = rule.match?.mode;
    if (mode && THRESHOLD_MODES.includes(mode) && !isWhole(rule.match?.threshold)) return { id: 'builder.problem.threshold', values };
    return undefined;
  }
  if (isValueless(rule.operator)) return undefined;
  const { value } = rule;
  switch (field.type) {
    case 'segment':
      return Array.isArray(value) && value.length > 0 ? undefined : { id: 'builder.problem.segment' };
    case 'engagement': {
      const v = (value ?? {}) as { campaigns?: unknown; last?: unknown };
      if ('campaigns' in v) return Array.isArray(v.campaigns) && v.campaigns.length > 0 ? undefined : { id: 'builder.problem.campaigns' };
      return typeof v.last === 'number' && Number.isInteger(v.last) && v.last >= 1 ? undefined : { id: 'builder.problem.last' };
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : { id: 'builder.problem.boolean', values };
    default:
      break;
  }
  if (isListOperator(rule.operator)) {
    const list = Array.isArray(value) ? value.filter((v) => !missing(v)) : [];
    if (list.length > 0) return undefined;
    return { id: field.options?.length ? 'builder.problem.options' : 'builder.problem.list', values };
  }
  if (isRangeOperator(rule.operator)) return rangeProblem(field, Array.isArray(value) ? value : [value, undefined]);
  return singleProblem(field, value, rule.operator);
}

function singleProblem(field: CatalogField, value: unknown, operator: string): Problem | undefined {
  const values = { field: field.label };
  if (isNumberType(field.type)) {
    if (missing(value)) return { id: 'builder.problem.number', values };
    return isNumberValue(value) ? undefined : { id: 'builder.problem.notNumber', values: { text: numberText(value) } };
  }
  if (isDateType(field.type)) return missing(value) ? { id: 'builder.problem.date', values } : undefined;
  if ((field.options?.length && (operator === '=' || operator === '!=')) || field.type === 'relation')
    return missing(value) ? { id: 'builder.problem.choose', values } : undefined;
  return missing(value) ? { id: 'builder.problem.text', values } : undefined;
}

function rangeProblem(field: CatalogField, [low, high]: unknown[]): Problem | undefined {
  const kind = isNumberType(field.type) ? 'number' : isDateType(field.type) ? (field.type as 'date' | 'datetime') : undefined;
  if (!kind) return undefined;
  const ok = (v: unknown) => !missing(v) && (kind !== 'number' || isNumberValue(v));
  const shown = (v: unknown) => numberText(v).trim();
  if (!ok(low) && !ok(high)) return { id: kind === 'number' ? 'builder.problem.bothBounds' : 'builder.problem.bothDates' };
  if (!ok(low))
    return missing(low)
      ? { id: 'builder.problem.lowBound', values: { high: shown(high) } }
      : { id: 'builder.problem.notNumber', values: { text: shown(low) } };
  if (!ok(high))
    return missing(high)
      ? { id: 'builder.problem.highBound', values: { low: shown(low) } }
      : { id: 'builder.problem.notNumber', values: { text: shown(high) } };
  return boundsReversed(kind, low, high) ? { id: 'builder.problem.reversed', values: { low: shown(low), high: shown(high) } } : undefined;
}

/** A group inside the tree with no condition: it matches everyone (docs/semantics.md#1-the-tree), which nobody means by adding one. */
export const isEmptyInnerGroup = (group: FilterGroup, depth: number) => depth > 0 && group.rules.length === 0;

export interface PlacedProblem {
  /** The rule's id: where the builder shows it and what the editor focuses. */
  id?: string;
  /** The rule's field label, to say which rule to finish. */
  label: string;
  problem: Problem;
}

/**
 * Every incomplete rule of the tree, in the order they are shown (sub-queries included). Empty groups
 * are marked by the builder but not listed: they are valid, and mean everyone.
 */
export function treeProblems(tree: FilterGroup, fields: readonly CatalogField[]): PlacedProblem[] {
  const found: PlacedProblem[] = [];
  const walk = (group: FilterGroup, scope: readonly CatalogField[]) => {
    for (const node of group.rules) {
      if (isGroup(node)) {
        walk(node, scope);
        continue;
      }
      const field = scope.find((f) => f.name === node.field);
      const problem = ruleProblem(node, field);
      if (problem) found.push({ id: node.id, label: field?.label ?? node.field, problem });
      if (field?.type === 'toMany' && isGroup(node.value)) walk(node.value, field.subFields ?? []);
    }
  };
  walk(tree, fields);
  return found;
}
