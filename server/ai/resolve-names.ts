/**
 * The model names campaigns, segments and related records (companies) the way people do; the tree
 * stores documentIds. Each such value is kept when it already is a documentId of the right type, else
 * replaced by the documentId of the record whose name equals it case-insensitively (over all records,
 * not a first page of look-alikes), or of the only one whose name starts with it as whole words (said
 * with a warning), else it is *unresolved*: reported with the most similar names,
 * and the caller refuses the tree rather than answer one that means something else (an unknown
 * company in `company != X` would select everyone).
 */
import type { CatalogField } from '../../shared/catalog';
import type { NameCandidate, UnresolvedName } from '../../shared/contracts/ai';
import { isGroup, type FilterGroup, type FilterRule } from '../../shared/filter-tree';

export interface RecordFinder {
  /**
   * `byId`: `text` is a documentId of `target`; else `ids`: the records whose name equals it
   * case-insensitively, and `similar`: the nearest names when none does.
   */
  find(target: string, text: string): Promise<{ byId: boolean; ids: string[]; similar: NameCandidate[]; taken?: string }>;
}

const KIND: Record<string, string> = { engagement: 'campaign', segment: 'segment' };

export async function resolveNames(
  tree: FilterGroup,
  fields: CatalogField[],
  finder: RecordFinder,
  segmentTarget: string,
): Promise<{ tree: FilterGroup; warnings: string[]; unresolved: UnresolvedName[] }> {
  const warnings: string[] = [];
  const unresolved: UnresolvedName[] = [];

  const one = async (field: CatalogField, target: string, text: unknown, path: string): Promise<unknown> => {
    if (typeof text !== 'string' || !text.trim()) return text;
    const { byId, ids, similar, taken } = await finder.find(target, text.trim());
    if (byId) return text;
    const kind = KIND[field.type] ?? field.label.toLowerCase();
    if (taken) warnings.push(`"${text}" was taken as the ${kind} "${taken}", the only one whose name starts with it`);
    if (ids.length === 0) {
      unresolved.push({ path, field: field.name, kind, name: text, candidates: similar });
      return text;
    }
    if (ids.length > 1) warnings.push(`${ids.length} ${kind} records are named "${text}"; the first one (${ids[0]}) was used`);
    return ids[0];
  };

  const many = (field: CatalogField, target: string, values: unknown, path: string) =>
    Array.isArray(values) ? Promise.all(values.map((v, i) => one(field, target, v, `${path}[${i}]`))) : one(field, target, values, path);

  const rule = async (r: FilterRule, list: CatalogField[], path: string): Promise<FilterRule> => {
    const field = list.find((f) => f.name === r.field);
    if (!field) return r;
    const at = `${path}.value`;
    if (field.type === 'toMany' && isGroup(r.value)) return { ...r, value: await group(r.value, field.subFields ?? [], at) };
    if (field.type === 'engagement' && field.target && r.value && Array.isArray((r.value as { campaigns?: unknown }).campaigns)) {
      return {
        ...r,
        value: { campaigns: await many(field, field.target, (r.value as { campaigns: unknown[] }).campaigns, `${at}.campaigns`) },
      };
    }
    if (field.type === 'segment') return { ...r, value: await many(field, segmentTarget, r.value, at) };
    if (field.type === 'relation' && field.target && r.value !== undefined)
      return { ...r, value: await many(field, field.target, r.value, at) };
    return r;
  };

  const group = async (g: FilterGroup, list: CatalogField[], path: string): Promise<FilterGroup> => ({
    ...g,
    rules: await Promise.all(
      // Anything else is left for the validator to report, with its path.
      (Array.isArray(g.rules) ? g.rules : []).map((node, i) => {
        const at = `${path ? `${path}.` : ''}rules[${i}]`;
        return !node || typeof node !== 'object' ? node : isGroup(node) ? group(node, list, at) : rule(node, list, at);
      }),
    ),
  });

  return { tree: await group(tree, fields, ''), warnings, unresolved };
}

/** The words of a 422 for names that match no record. */
export function unresolvedMessage(unresolved: UnresolvedName[]): string {
  const parts = unresolved.map((u) => {
    const guess = u.candidates.length ? `; did you mean ${u.candidates.map((c) => `"${c.name}"`).join(', ')}?` : '';
    return `no ${u.kind} is named "${u.name}"${guess}`;
  });
  return `AI Mode needs your review: ${parts.join('; ')}. Name it as it is written in the CRM, or pick it in the builder.`;
}
