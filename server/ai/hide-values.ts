/**
 * `ai.sendValues: false`: the literal values a person typed into a tree being refined (emails in an
 * `in` list, a name, an amount) are replaced by placeholders "<value N>" before the tree leaves the
 * server, and put back wherever the model's answer copies a placeholder. Enumeration values, booleans,
 * dates and the documentIds of campaigns, segments and records are kept: they are the catalog's
 * words or identifiers, not contact data, and the model needs them to keep the rest of the tree.
 */
import { TEXT_TYPES, NUMBER_TYPES, type CatalogField } from '../../shared/catalog';
import { isGroup, type FilterGroup, type FilterRule } from '../../shared/filter-tree';

const HIDDEN_TYPES = new Set<string>([...TEXT_TYPES.filter((t) => t !== 'enumeration'), ...NUMBER_TYPES]);

export interface HiddenValues {
  tree: FilterGroup;
  /** placeholder → the value it stands for */
  values: Map<string, unknown>;
}

export function hideValues(tree: FilterGroup, fields: CatalogField[]): HiddenValues {
  const values = new Map<string, unknown>();
  const hide = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(hide);
    if (v === null || v === undefined || typeof v === 'object') return v;
    const placeholder = `<value ${values.size + 1}>`;
    values.set(placeholder, v);
    return placeholder;
  };
  const group = (g: FilterGroup, list: CatalogField[]): FilterGroup => ({
    ...g,
    rules: (Array.isArray(g.rules) ? g.rules : []).map((node) => {
      if (!node || typeof node !== 'object') return node;
      if (isGroup(node)) return group(node, list);
      const rule = node as FilterRule;
      const field = list.find((f) => f.name === rule.field);
      if (field?.type === 'toMany' && isGroup(rule.value)) return { ...rule, value: group(rule.value, field.subFields ?? []) };
      return field && HIDDEN_TYPES.has(field.type) && 'value' in rule ? { ...rule, value: hide(rule.value) } : rule;
    }),
  });
  return { tree: group(tree, fields), values };
}

/** The answer with every placeholder it copied replaced by its value. */
export function restoreValues<T>(answer: T, values: Map<string, unknown>): T {
  if (values.size === 0) return answer;
  const restore = (v: unknown): unknown => {
    if (typeof v === 'string') return values.has(v) ? values.get(v) : v;
    if (Array.isArray(v)) return v.map(restore);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, restore(x)]));
    return v;
  };
  return restore(answer) as T;
}
