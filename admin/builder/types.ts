import type { Catalog } from '../../shared/catalog';
import type { FilterGroup } from '../../shared/filter-tree';
import type { LookupItem, LookupQuery } from '../../shared/lookup';

/** A validation problem as the server reports it (`error.details.errors`). */
export interface TreeIssue {
  path: string;
  message: string;
}

/** Where pickers read records from; the editor page passes the HTTP one, component tests an in-memory one. */
export type Lookup = (query: LookupQuery) => Promise<LookupItem[]>;

export interface FilterBuilderProps {
  catalog: Catalog;
  /** The SPEC filter tree; the builder reads and writes it exactly (arrays for lists and ranges). */
  value: FilterGroup;
  onChange: (tree: FilterGroup) => void;
  /** The server's validation issues, each shown on the rule or group its path names. */
  issues?: TreeIssue[];
  lookup: Lookup;
  /** The segment being edited: left out of the segment picker. */
  segmentId?: string;
  disabled?: boolean;
}
