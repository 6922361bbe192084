/**
 * Deterministic clean-up of a decoded answer before it is validated: the slips whose meaning is not
 * in doubt are fixed here rather than paid for with a repair turn (servers that do not enforce the
 * schema make them often). Only spelling changes, never meaning:
 * - a field named by another case or by its label ("Lifecycle stage" → lifecycleStage);
 * - an operator by case or a known synonym ("==", "eq", "gte", "not in", "is_empty");
 * - an enumeration value by case or by its label ("Closed won" → closed_won);
 * - numbers and booleans written as text ("100", "true"), `last` and thresholds included;
 * - one value where a list is needed (`in`, segments, campaigns), and a value on `null` / `notNull`;
 * - a match mode by case or synonym ("any" → some, "at_least" → atLeast), "AND" → and.
 * What is still wrong afterwards goes to the validator, whose messages drive the repair turn.
 */
import { NUMBER_TYPES, type CatalogField } from '../../shared/catalog';
import { isGroup, MATCH_MODES, type FilterGroup, type FilterRule } from '../../shared/filter-tree';

const OPERATOR_SYNONYMS: Record<string, string> = {
  '==': '=',
  eq: '=',
  equals: '=',
  is: '=',
  '<>': '!=',
  ne: '!=',
  neq: '!=',
  not_equals: '!=',
  isnot: '!=',
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
  not_in: 'notIn',
  nin: 'notIn',
  isnull: 'null',
  is_null: 'null',
  is_empty: 'null',
  empty: 'null',
  notnull: 'notNull',
  not_null: 'notNull',
  is_not_empty: 'notNull',
  not_contains: 'doesNotContain',
  starts_with: 'beginsWith',
  startswith: 'beginsWith',
  ends_with: 'endsWith',
  not_between: 'notBetween',
};

const MODE_SYNONYMS: Record<string, string> = {
  any: 'some',
  exists: 'some',
  at_least: 'atLeast',
  at_most: 'atMost',
  every: 'all',
  no: 'none',
};

const key = (text: string) => text.toLowerCase().replace(/[\s_-]+/g, '');
const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
const LIST_OPERATORS = ['in', 'notIn'];

function findField(name: unknown, fields: CatalogField[]): CatalogField | undefined {
  if (typeof name !== 'string') return undefined;
  return (
    fields.find((f) => f.name === name) ?? fields.find((f) => key(f.name) === key(name)) ?? fields.find((f) => key(f.label) === key(name))
  );
}

function operatorOf(operator: unknown, field: CatalogField): unknown {
  if (typeof operator !== 'string' || field.operators.includes(operator)) return operator;
  const trimmed = operator.trim();
  const byCase = field.operators.find((o) => key(o) === key(trimmed));
  if (byCase) return byCase;
  const synonym = OPERATOR_SYNONYMS[trimmed.toLowerCase().replace(/\s+/g, '_')];
  return synonym && field.operators.includes(synonym) ? synonym : operator;
}

const number = (v: unknown) => (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v);
const integer = (v: unknown) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v);
const boolean = (v: unknown) => (typeof v === 'string' && /^(true|false)$/i.test(v.trim()) ? v.trim().toLowerCase() === 'true' : v);

function scalar(field: CatalogField, v: unknown): unknown {
  if ((NUMBER_TYPES as readonly string[]).includes(field.type)) return number(v);
  if (field.type === 'boolean') return boolean(v);
  if (field.type === 'enumeration' && typeof v === 'string' && field.options?.length) {
    const option =
      field.options.find((o) => o.value === v) ?? field.options.find((o) => key(o.value) === key(v) || key(o.label) === key(v));
    return option ? option.value : v;
  }
  return v;
}

function value(field: CatalogField, operator: unknown, v: unknown): unknown {
  if (field.type === 'engagement' && isObject(v)) {
    if ('last' in v) return { last: integer(v.last) };
    if ('campaigns' in v) return { campaigns: Array.isArray(v.campaigns) ? v.campaigns : [v.campaigns] };
    return v;
  }
  if (field.type === 'segment') return Array.isArray(v) || v === undefined ? v : [v];
  const listed = LIST_OPERATORS.includes(operator as string) && v !== undefined && !Array.isArray(v) ? [v] : v;
  return Array.isArray(listed) ? listed.map((x) => scalar(field, x)) : scalar(field, listed);
}

function rule(node: FilterRule, fields: CatalogField[]): FilterRule {
  const field = findField(node.field, fields);
  if (!field) return node;
  const out: FilterRule = { ...node, field: field.name };
  if (field.type === 'toMany') {
    if (out.operator === undefined || out.operator === null) out.operator = 'matches';
    if (isObject(node.match)) {
      const mode = typeof node.match.mode === 'string' ? node.match.mode : '';
      const known = MATCH_MODES.find((m) => key(m) === key(mode)) ?? MODE_SYNONYMS[mode.toLowerCase()];
      out.match = { ...node.match, mode: (known ?? node.match.mode) as any };
      if (node.match.threshold !== undefined) out.match.threshold = integer(node.match.threshold) as number;
    }
    if (isGroup(node.value)) out.value = group(node.value, field.subFields ?? []);
    return out;
  }
  out.operator = operatorOf(node.operator, field) as string;
  if (out.operator === 'null' || out.operator === 'notNull') delete out.value;
  else if ('value' in node) out.value = value(field, out.operator, node.value);
  return out;
}

function group(node: FilterGroup, fields: CatalogField[]): FilterGroup {
  const out: FilterGroup = { ...node };
  if (typeof node.combinator === 'string') out.combinator = node.combinator.trim().toLowerCase() as FilterGroup['combinator'];
  out.rules = (Array.isArray(node.rules) ? node.rules : []).map((child) =>
    !child || typeof child !== 'object' ? child : isGroup(child) ? group(child, fields) : rule(child as FilterRule, fields),
  );
  return out;
}

export function normaliseTree(tree: FilterGroup, fields: CatalogField[]): FilterGroup {
  return group(tree, fields);
}
