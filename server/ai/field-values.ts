/**
 * The existing values of short free-text fields (a country, a tag, a deal owner, a job title): the
 * model is shown them, most frequent first, so that "tagged gold" becomes the tag that exists; and a
 * value in its tree that no record has is reported with the nearest existing ones, instead of a
 * silent empty audience. A field is "short" when it has at most MAX_VALUES distinct values; longer
 * ones (names, emails, phones) are neither sent nor checked.
 */
import type { Core } from '@strapi/strapi';
import type { CatalogField } from '../../shared/catalog';
import { isGroup, type FilterGroup, type FilterRule } from '../../shared/filter-tree';
import { modelMeta } from '../crm/metadata';
import { nearest } from './similarity';

export const MAX_VALUES = 40;
/** At most this many fields are read per request. */
export const MAX_FIELDS = 20;

/** Where a catalog text field's values live: the content type and attribute, by the catalog's naming. */
function sourceOf(name: string, parent: CatalogField | undefined, fields: CatalogField[], contactUid: string) {
  if (parent) return parent.target ? { uid: parent.target, attribute: name } : undefined;
  const dot = name.indexOf('.');
  if (dot < 0) return { uid: contactUid, attribute: name };
  const relation = fields.find((f) => f.name === name.slice(0, dot) && f.type === 'relation');
  return relation?.target ? { uid: relation.target, attribute: name.slice(dot + 1) } : undefined;
}

/** Catalog key of a field: its name, or `<to-many>.<sub-field>` (tags.name, deals.owner). */
const keyOf = (field: CatalogField, parent?: CatalogField) => (parent ? `${parent.name}.${field.name}` : field.name);

export async function fieldValues(strapi: Core.Strapi, fields: CatalogField[], contactUid: string): Promise<Record<string, string[]>> {
  const candidates: Array<{ field: CatalogField; parent?: CatalogField }> = [];
  for (const f of fields) {
    if (f.type === 'string') candidates.push({ field: f });
    if (f.type === 'toMany') for (const s of f.subFields ?? []) if (s.type === 'string') candidates.push({ field: s, parent: f });
  }
  const out: Record<string, string[]> = {};
  for (const { field, parent } of candidates.slice(0, MAX_FIELDS)) {
    const source = sourceOf(field.name, parent, fields, contactUid);
    const meta = source && modelMeta(strapi, source.uid);
    const column = meta?.attributes[source!.attribute]?.columnName;
    if (!meta || !column) continue;
    const rows = (await strapi.db
      .getConnection(meta.tableName)
      .select({ v: column })
      .count({ n: '*' })
      .whereNotNull(column)
      .where(column, '<>', '')
      .groupBy(column)
      .orderBy([
        { column: 'n', order: 'desc' },
        { column: 'v', order: 'asc' },
      ])
      .limit(MAX_VALUES + 1)) as Array<{ v: unknown }>;
    if (rows.length > 0 && rows.length <= MAX_VALUES) out[keyOf(field, parent)] = rows.map((r) => String(r.v));
  }
  return out;
}

const CHECKED_OPERATORS = new Set(['=', 'in']);

/** Warnings for values of `=` / `in` rules on short text fields that no record has. */
export function unknownValueWarnings(tree: FilterGroup, fields: CatalogField[], values: Record<string, string[]>): string[] {
  const warnings: string[] = [];
  const visit = (group: FilterGroup, list: CatalogField[], parent?: CatalogField) => {
    for (const node of Array.isArray(group.rules) ? group.rules : []) {
      if (isGroup(node)) {
        visit(node, list, parent);
        continue;
      }
      const rule = node as FilterRule;
      const field = list.find((f) => f.name === rule.field);
      if (!field) continue;
      if (field.type === 'toMany' && isGroup(rule.value)) {
        visit(rule.value, field.subFields ?? [], field);
        continue;
      }
      const known = values[keyOf(field, parent)];
      if (!known || !CHECKED_OPERATORS.has(rule.operator)) continue;
      const lower = new Set(known.map((v) => v.toLowerCase()));
      for (const v of Array.isArray(rule.value) ? rule.value : [rule.value]) {
        if (typeof v !== 'string' || lower.has(v.toLowerCase())) continue;
        const near = nearest(v, known);
        const label = parent ? `${parent.label} › ${field.label}` : field.label;
        warnings.push(
          `No record has ${label} "${v}"${near.length ? `; existing values nearest to it: ${near.map((n) => `"${n}"`).join(', ')}` : ''}`,
        );
      }
    }
  };
  visit(tree, fields);
  return warnings;
}
