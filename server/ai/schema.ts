/**
 * The answer the model must give, as a JSON schema built from the catalog: the filter tree itself,
 * valid for OpenAI's strict structured outputs (every object closed, every property required,
 * recursion through `$defs`).
 *
 * A rule is one of several closed shapes, one per field type and operator family, so that the schema
 * itself says which fields exist (an enum of catalog names), which operators each type takes, and what
 * a value is for that operator: a number for `leadScore > …`, a pair for `between`, a list for `in`, an
 * enumeration's own values, `null` for `null` / `notNull`, `{ "last": integer }` or
 * `{ "campaigns": [...] }` for engagement. Each to-many field gets its own group definition over its
 * sub-fields. `decodeAnswer` turns an answer back into a filter tree (docs/semantics.md); what the
 * schema cannot say (a server that ignores it) is left to server/ai/normalise.ts and the validator.
 */
import { DATE_TYPES, NUMBER_TYPES, type CatalogField, type FieldType } from '../../shared/catalog';
import { MATCH_MODES, type FilterGroup, type FilterRule } from '../../shared/filter-tree';
import { readJsonObject } from './read-answer';

export const RESPONSE_SCHEMA_NAME = 'segment_filter_tree';

/** Enumerations with more values than this are typed as any string (the schema would get too big). */
export const MAX_ENUM_VALUES_IN_SCHEMA = 40;

type Schema = Record<string, unknown>;

const SINGLE_TEXT = ['=', '!=', 'contains', 'doesNotContain', 'beginsWith', 'doesNotBeginWith', 'endsWith', 'doesNotEndWith'];
const COMPARE = ['=', '!=', '<', '<=', '>', '>='];
const RANGE = ['between', 'notBetween'];
const LIST = ['in', 'notIn'];
const EMPTY = ['null', 'notNull'];

const str: Schema = { type: 'string' };
const list = (items: Schema): Schema => ({ type: 'array', items });
const nullValue: Schema = { type: 'null' };

/** One closed rule shape: these fields, these operators, this value. */
function variant(fields: CatalogField[], operators: string[], value: Schema): Schema | null {
  const ops = operators.filter((o) => fields.some((f) => f.operators.includes(o)));
  if (!fields.length || !ops.length) return null;
  return {
    type: 'object',
    additionalProperties: false,
    required: ['field', 'operator', 'value'],
    properties: { field: { type: 'string', enum: fields.map((f) => f.name) }, operator: { type: 'string', enum: ops }, value },
  };
}

const ofType = (fields: CatalogField[], types: readonly FieldType[]) => fields.filter((f) => types.includes(f.type));

function ruleVariants(fields: CatalogField[], groupRefOf: (field: CatalogField) => string): Schema[] {
  const number: Schema = { type: 'number' };
  const date: Schema = { type: 'string', description: 'an ISO date, or date math: "now-60d", "now/M", "now-1M/M"' };
  const smallEnums = fields.filter((f) => f.type === 'enumeration' && f.options?.length && f.options.length <= MAX_ENUM_VALUES_IN_SCHEMA);
  const text = fields.filter(
    (f) => ['string', 'text', 'richtext', 'email', 'uid', 'enumeration'].includes(f.type) && !smallEnums.includes(f),
  );
  const numbers = ofType(fields, NUMBER_TYPES);
  const dates = ofType(fields, DATE_TYPES);
  const variants: Array<Schema | null> = [
    variant(text, SINGLE_TEXT, str),
    variant(text, LIST, list(str)),
    ...smallEnums.flatMap((f) => {
      const values: Schema = { type: 'string', enum: f.options!.map((o) => o.value) };
      return [variant([f], SINGLE_TEXT, values), variant([f], LIST, list(values))];
    }),
    variant(numbers, COMPARE, number),
    variant(numbers, RANGE, { ...list(number), description: '[low, high], inclusive' }),
    variant(numbers, LIST, list(number)),
    variant(dates, COMPARE, date),
    variant(dates, RANGE, { ...list(date), description: '[from, to], inclusive' }),
    variant(ofType(fields, ['boolean']), ['=', '!='], { type: 'boolean' }),
    variant(ofType(fields, ['relation']), ['=', '!='], { ...str, description: 'the related record by name' }),
    variant(ofType(fields, ['relation']), LIST, list(str)),
    variant(
      fields.filter((f) => f.type !== 'toMany' && f.type !== 'engagement' && f.type !== 'segment'),
      EMPTY,
      nullValue,
    ),
    variant(ofType(fields, ['engagement']), ['any', 'all', 'none'], {
      anyOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['last'],
          properties: { last: { type: 'integer', description: 'the N latest sent campaigns' } },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['campaigns'],
          properties: { campaigns: { ...list(str), description: 'campaign names' } },
        },
      ],
    }),
    variant(ofType(fields, ['segment']), LIST, { ...list(str), description: 'saved segment names' }),
    ...ofType(fields, ['toMany']).map(
      (f): Schema => ({
        type: 'object',
        additionalProperties: false,
        required: ['field', 'operator', 'match', 'subFilters'],
        properties: {
          field: { type: 'string', enum: [f.name] },
          operator: { type: 'string', enum: ['matches'] },
          match: { $ref: '#/$defs/match' },
          subFilters: { $ref: groupRefOf(f) },
        },
      }),
    ),
  ];
  return variants.filter((v): v is Schema => v !== null);
}

function groupSchema(self: string, rules: Schema[]): Schema {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['combinator', 'not', 'rules'],
    properties: {
      combinator: { type: 'string', enum: ['and', 'or'] },
      not: { type: 'boolean', description: 'true negates the whole group' },
      rules: { type: 'array', items: { anyOf: [...rules, { $ref: self }] } },
    },
  };
}

const defName = (f: CatalogField) => `group_${f.name.replace(/[^A-Za-z0-9_]/g, '_')}`;

/** The response schema for this catalog. */
export function responseSchema(fields: CatalogField[]): Schema {
  const $defs: Record<string, Schema> = {
    group: groupSchema(
      '#/$defs/group',
      ruleVariants(fields, (f) => `#/$defs/${defName(f)}`),
    ),
    match: {
      type: 'object',
      additionalProperties: false,
      required: ['mode', 'threshold'],
      properties: {
        mode: { type: 'string', enum: [...MATCH_MODES] },
        threshold: { type: ['integer', 'null'], description: 'for atLeast / atMost / exactly; null otherwise' },
      },
    },
  };
  for (const f of ofType(fields, ['toMany'])) {
    const ref = `#/$defs/${defName(f)}`;
    $defs[defName(f)] = groupSchema(
      ref,
      ruleVariants(f.subFields ?? [], () => ref),
    );
  }
  return {
    type: 'object',
    additionalProperties: false,
    required: ['explanation', 'question', 'filters'],
    properties: {
      explanation: { type: 'string', description: 'One or two sentences for a marketer: what the tree selects and any assumption made.' },
      question: {
        type: ['string', 'null'],
        description:
          'A short question for the marketer when the request is not about choosing contacts or too ambiguous to build; null otherwise.',
      },
      filters: { $ref: '#/$defs/group' },
    },
    $defs,
  };
}

export interface ModelAnswer {
  explanation: string;
  /** The model asks instead of guessing (out of scope, ambiguous). */
  question?: string;
  filters: FilterGroup;
}

const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The model's text as a filter tree, or a reason why it is not one. The JSON may sit in a code fence
 * or among prose (servers without schema support).
 */
export function decodeAnswer(content: string | null | undefined): { answer: ModelAnswer } | { problem: string } {
  const parsed = readJsonObject(content);
  if (parsed === undefined) return { problem: 'the answer was not JSON following the response schema' };
  const question = typeof parsed.question === 'string' && parsed.question.trim() ? parsed.question.trim() : undefined;
  if (question)
    return {
      answer: {
        explanation: typeof parsed.explanation === 'string' ? parsed.explanation.trim() : '',
        question,
        filters: { combinator: 'and', rules: [] },
      },
    };
  if (!isObject(parsed.filters)) return { problem: 'the answer has no "filters" group' };
  const explanation = typeof parsed.explanation === 'string' ? parsed.explanation.trim() : '';
  return { answer: { explanation, filters: decodeGroup(parsed.filters) } };
}

function decodeGroup(node: Record<string, any>): FilterGroup {
  const group: FilterGroup = { combinator: node.combinator, rules: [] };
  if (node.not === true || node.not === 'true') group.not = true;
  const rules: unknown[] = Array.isArray(node.rules) ? node.rules : [];
  group.rules = rules.map((child) => (isObject(child) && Array.isArray(child.rules) ? decodeGroup(child) : decodeRule(child)));
  return group;
}

function decodeRule(node: unknown): FilterRule {
  if (!isObject(node)) return node as FilterRule;
  const rule: FilterRule = { field: node.field, operator: node.operator };
  if (isObject(node.subFilters)) rule.value = decodeGroup(node.subFilters);
  else if (node.value !== null && node.value !== undefined) rule.value = node.value;
  if (isObject(node.match)) {
    rule.match = { mode: node.match.mode };
    if (node.match.threshold !== null && node.match.threshold !== undefined) rule.match.threshold = node.match.threshold;
  }
  return rule;
}

/**
 * A filter tree in the answer's shape, for showing the model the tree it refines (so it can copy what
 * stays) and for scripted answers in tests. `decodeAnswer` inverts it.
 */
export function encodeTree(group: FilterGroup): Record<string, unknown> {
  return {
    combinator: group.combinator,
    not: group.not === true,
    rules: (Array.isArray(group.rules) ? group.rules : []).map((node): unknown => {
      // A half-built tree sent for refinement may hold anything: passed as it is, for the model to fix.
      if (!node || typeof node !== 'object') return node;
      if (Array.isArray((node as FilterGroup).rules)) return encodeTree(node as FilterGroup);
      const rule = node as FilterRule;
      if (rule.match && isObject(rule.value) && Array.isArray((rule.value as FilterGroup).rules)) {
        return {
          field: rule.field,
          operator: rule.operator,
          match: { mode: rule.match.mode, threshold: rule.match.threshold ?? null },
          subFilters: encodeTree(rule.value as FilterGroup),
        };
      }
      return { field: rule.field, operator: rule.operator, value: rule.value === undefined ? null : rule.value };
    }),
  };
}
