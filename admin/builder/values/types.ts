import type { CatalogField } from '../../../shared/catalog';

/** What every value editor gets: the rule's catalog field, operator and filter-tree value, and how to change the value. */
export interface ValueProps<V = unknown> {
  field: CatalogField;
  operator: string;
  value: V;
  onChange: (value: unknown) => void;
  /** The accessible name of the (first) input: "Value of Lead score". */
  label: string;
  disabled?: boolean;
}
