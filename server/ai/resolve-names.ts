/**
 * The model names campaigns, segments and related records (companies) the way people do; the tree
 * stores documentIds. Each such value is kept when it already is a documentId of the right type,
 * else replaced by the documentId of the record whose name equals it case-insensitively, else left
 * as it is with a warning (the validator then refuses an unknown campaign or segment, which costs
 * the one repair round; an unknown company simply matches no contact, and the warning says so).
 */
import type { CatalogField } from '../../shared/catalog';
import { isGroup, type FilterGroup, type FilterRule } from '../../shared/filter-tree';

export interface RecordFinder {
  /** The documentIds of `target` records whose documentId is `text`, or else whose label equals it case-insensitively. */
  find(target: string, text: string): Promise<{ byId: boolean; ids: string[] }>;
}

const KIND: Record<string, string> = { engagement: 'campaign', segment: 'segment', relation: 'record' };

export async function resolveNames(
  tree: FilterGroup,
  fields: CatalogField[],
  finder: RecordFinder,
  segmentTarget: string
): Promise<{ tree: FilterGroup; warnings: string[] }> {
  const warnings: string[] = [];

  const one = async (field: CatalogField, target: string, text: unknown): Promise<unknown> => {
    if (typeof text !== 'string' || !text.trim()) return text;
    const { byId, ids } = await finder.find(target, text.trim());
    if (byId) return text;
    const kind = field.type === 'relation' ? field.label.toLowerCase() : KIND[field.type];
    if (ids.length === 0) {
      warnings.push(
        field.type === 'relation'
          ? `No ${kind} is named "${text}": the rule on ${field.label} matches no ${kind}`
          : `No ${kind} is named "${text}"`
      );
      return text;
    }
    if (ids.length > 1) warnings.push(`${ids.length} ${kind}s are named "${text}"; the first one (${ids[0]}) was used`);
    return ids[0];
  };

  const many = (field: CatalogField, target: string, values: unknown) =>
    Array.isArray(values) ? Promise.all(values.map((v) => one(field, target, v))) : one(field, target, values);

  const rule = async (r: FilterRule, list: CatalogField[]): Promise<FilterRule> => {
    const field = list.find((f) => f.name === r.field);
    if (!field) return r;
    if (field.type === 'toMany' && r.value && typeof r.value === 'object' && Array.isArray((r.value as FilterGroup).rules)) {
      return { ...r, value: await group(r.value as FilterGroup, field.subFields ?? []) };
    }
    if (field.type === 'engagement' && field.target && r.value && Array.isArray((r.value as { campaigns?: unknown }).campaigns)) {
      return { ...r, value: { campaigns: await many(field, field.target, (r.value as { campaigns: unknown[] }).campaigns) } };
    }
    if (field.type === 'segment') return { ...r, value: await many(field, segmentTarget, r.value) };
    if (field.type === 'relation' && field.target && r.value !== undefined) return { ...r, value: await many(field, field.target, r.value) };
    return r;
  };

  const group = async (g: FilterGroup, list: CatalogField[]): Promise<FilterGroup> => ({
    ...g,
    rules: await Promise.all(
      // Anything else is left for the validator to report, with its path.
      (Array.isArray(g.rules) ? g.rules : []).map((node) =>
        !node || typeof node !== 'object' ? node : isGroup(node) ? group(node, list) : rule(node, list)
      )
    ),
  });

  return { tree: await group(tree, fields), warnings };
}
