import type { CatalogField } from '../../shared/catalog';
import type { DescribeNames } from '../../shared/describe-tree';
import { isGroup, type FilterGroup, type FilterRule } from '../../shared/filter-tree';
import { SEGMENT_UID } from '../../shared/contracts/constants';
import type { LookupItem } from '../../shared/contracts/lookup';

/** Which names a set of trees needs: documentIds by the content type to look them up in. */
export type References = Record<string, string[]>;

const add = (refs: Record<string, Set<string>>, target: string | undefined, values: unknown) => {
  if (!target) return;
  const list = Array.isArray(values) ? values : [values];
  for (const v of list) if (typeof v === 'string' && v) (refs[target] ??= new Set()).add(v);
};

/** The campaign, segment and related-record documentIds the trees mention, by target type. */
export function referencesOf(trees: FilterGroup[], fields: CatalogField[]): References {
  const refs: Record<string, Set<string>> = {};
  const visit = (group: FilterGroup, list: CatalogField[]) => {
    for (const node of Array.isArray(group?.rules) ? group.rules : []) {
      if (!node || typeof node !== 'object') continue;
      if (isGroup(node)) {
        visit(node, list);
        continue;
      }
      const rule = node as FilterRule;
      const field = list.find((f) => f.name === rule.field);
      if (!field) continue;
      if (field.type === 'toMany' && rule.value && typeof rule.value === 'object') visit(rule.value as FilterGroup, field.subFields ?? []);
      else if (field.type === 'engagement') add(refs, field.target, (rule.value as { campaigns?: unknown })?.campaigns);
      else if (field.type === 'segment') add(refs, SEGMENT_UID, rule.value);
      else if (field.type === 'relation') add(refs, field.target, rule.value);
    }
  };
  trees.forEach((tree) => visit(tree, fields));
  return Object.fromEntries(Object.entries(refs).map(([target, ids]) => [target, [...ids].sort()]));
}

/** Looked-up labels as the renderer's names: campaigns, segments, and every other record. */
export function namesFrom(found: Record<string, LookupItem[]>, fields: CatalogField[]): DescribeNames {
  const campaignTarget = fields.find((f) => f.type === 'engagement')?.target;
  const names: Required<DescribeNames> = { campaigns: {}, segments: {}, records: {} };
  for (const [target, items] of Object.entries(found)) {
    const into = target === SEGMENT_UID ? names.segments : target === campaignTarget ? names.campaigns : names.records;
    for (const item of items) into[item.documentId] = item.label;
  }
  return names;
}
