/**
 * The answer the model must give, as a JSON schema valid for OpenAI's strict structured outputs:
 * every object closed (`additionalProperties: false`) with every property required (optional ones
 * are nullable), recursion through `$defs`. A rule's value travels as JSON text (`valueJson`),
 * because strict mode has no "any JSON" type; a to-many rule's sub-group travels typed in
 * `subFilters`. `decodeAnswer` turns the answer back into a filter tree (docs/semantics.md).
 */
import { OPERATORS_BY_TYPE } from '../../shared/catalog';
import { MATCH_MODES, type FilterGroup, type FilterRule } from '../../shared/filter-tree';

const ALL_OPERATORS = [...new Set(Object.values(OPERATORS_BY_TYPE).flat())];

export const RESPONSE_SCHEMA_NAME = 'segment_filter_tree';

export const RESPONSE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['explanation', 'filters'],
  properties: {
    explanation: { type: 'string', description: 'One or two sentences for a marketer: what the tree selects and any assumption made.' },
    filters: { $ref: '#/$defs/group' },
  },
  $defs: {
    group: {
      type: 'object',
      additionalProperties: false,
      required: ['combinator', 'not', 'rules'],
      properties: {
        combinator: { type: 'string', enum: ['and', 'or'] },
        not: { type: 'boolean', description: 'true negates the whole group' },
        rules: { type: 'array', items: { anyOf: [{ $ref: '#/$defs/rule' }, { $ref: '#/$defs/group' }] } },
      },
    },
    rule: {
      type: 'object',
      additionalProperties: false,
      required: ['field', 'operator', 'valueJson', 'match', 'subFilters'],
      properties: {
        field: { type: 'string', description: 'a field name from the catalog (a sub-field name inside subFilters)' },
        operator: { type: 'string', enum: ALL_OPERATORS },
        valueJson: {
          type: ['string', 'null'],
          description:
            'The value as JSON text: "\\"lead\\"", "100", "[10, 20]", "[\\"a\\", \\"b\\"]", "true", "\\"now-60d\\"", ' +
            '"{\\"last\\": 3}", "{\\"campaigns\\": [\\"<campaign name or id>\\"]}", "[\\"<segment name or id>\\"]". ' +
            'null for operators null / notNull and for to-many rules.',
        },
        match: { anyOf: [{ type: 'null' }, { $ref: '#/$defs/match' }], description: 'to-many fields only; null otherwise' },
        subFilters: { anyOf: [{ type: 'null' }, { $ref: '#/$defs/group' }], description: 'to-many fields only: the conditions on the related records' },
      },
    },
    match: {
      type: 'object',
      additionalProperties: false,
      required: ['mode', 'threshold'],
      properties: {
        mode: { type: 'string', enum: [...MATCH_MODES] },
        threshold: { type: ['integer', 'null'], description: 'for atLeast / atMost / exactly; null otherwise' },
      },
    },
  },
} as const;

export interface ModelAnswer {
  explanation: string;
  filters: FilterGroup;
}

const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The model's JSON text as a filter tree, or a reason why it is not one. Lenient where meaning is
 * unambiguous (a bare word where JSON text was asked is that word; a value already decoded stays as
 * it is), so that only real problems cost the one repair round.
 */
export function decodeAnswer(content: string | null | undefined): { answer: ModelAnswer } | { problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content ?? '');
  } catch {
    return { problem: 'the answer was not JSON following the response schema' };
  }
  if (!isObject(parsed) || !isObject(parsed.filters)) return { problem: 'the answer has no "filters" group' };
  const explanation = typeof parsed.explanation === 'string' ? parsed.explanation.trim() : '';
  return { answer: { explanation, filters: decodeGroup(parsed.filters) } };
}

function decodeGroup(node: Record<string, any>): FilterGroup {
  const group: FilterGroup = { combinator: node.combinator, rules: [] };
  if (node.not === true) group.not = true;
  const rules: unknown[] = Array.isArray(node.rules) ? node.rules : [];
  group.rules = rules.map((child) => (isObject(child) && Array.isArray(child.rules) ? decodeGroup(child) : decodeRule(child)));
  return group;
}

function decodeRule(node: unknown): FilterRule {
  if (!isObject(node)) return node as FilterRule;
  const rule: FilterRule = { field: node.field, operator: node.operator };
  if (isObject(node.subFilters)) rule.value = decodeGroup(node.subFilters);
  else if ('valueJson' in node && node.valueJson !== null && node.valueJson !== undefined) rule.value = decodeValue(node.valueJson);
  else if ('value' in node && node.value !== null) rule.value = node.value;
  if (isObject(node.match)) {
    rule.match = { mode: node.match.mode };
    if (node.match.threshold !== null && node.match.threshold !== undefined) rule.match.threshold = node.match.threshold;
  }
  return rule;
}

function decodeValue(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
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
      const sub = rule.match && isObject(rule.value) && Array.isArray((rule.value as FilterGroup).rules);
      return {
        field: rule.field,
        operator: rule.operator,
        valueJson: sub || rule.value === undefined ? null : JSON.stringify(rule.value),
        match: rule.match ? { mode: rule.match.mode, threshold: rule.match.threshold ?? null } : null,
        subFilters: sub ? encodeTree(rule.value as FilterGroup) : null,
      };
    }),
  };
}
