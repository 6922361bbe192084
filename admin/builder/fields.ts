/**
 * The catalog as react-querybuilder's field list. Each field carries its catalog entry
 * (`catalogField`) so controls read the type, options, target and sub-fields from the one source.
 */
import type { Field as RqbField, FullField, OptionGroup } from 'react-querybuilder';
import type { CatalogField } from '../../shared/catalog';

export type BuilderField = FullField & { catalogField: CatalogField };

const cache = new WeakMap<readonly CatalogField[], Array<OptionGroup<RqbField>>>();

/** Fields grouped by their catalog `group`, in catalog order; computed once per field list. */
export function builderFields(fields: readonly CatalogField[]): Array<OptionGroup<RqbField>> {
  const known = cache.get(fields);
  if (known) return known;
  const groups = new Map<string, RqbField[]>();
  for (const field of fields) {
    const entry: RqbField & { catalogField: CatalogField } = {
      name: field.name,
      value: field.name,
      label: field.label,
      catalogField: field,
      ...(field.type === 'toMany'
        ? { matchModes: field.matchModes?.length ? field.matchModes : true, subproperties: builderFields(field.subFields ?? []) }
        : {}),
    };
    const list = groups.get(field.group) ?? [];
    list.push(entry);
    groups.set(field.group, list);
  }
  const grouped = [...groups].map(([label, options]) => ({ label, options }));
  cache.set(fields, grouped);
  return grouped;
}

/** The catalog entry behind a control's `fieldData`, if the rule's field is in the catalog. */
export const catalogFieldOf = (fieldData: unknown): CatalogField | undefined =>
  (fieldData as Partial<BuilderField> | undefined)?.catalogField;
