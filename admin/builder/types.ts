import type { Catalog } from '../../shared/catalog';
import type { FilterGroup, TreeIssue } from '../../shared/filter-tree';
import type { LookupItem, LookupQuery } from '../../shared/contracts/lookup';

/** Where pickers read records from; the editor page passes the HTTP one, component tests an in-memory one. */
export type Lookup = (query: LookupQuery) => Promise<LookupItem[]>;

/**
 * What a page shows beside one rule or group (docs/explain.md). The builder only renders it; the
 * page computes it from the server's answers (admin/editor/annotations.ts).
 */
export interface NodeAnnotation {
  /** Per-condition counts: the node alone, and what its group keeps at it of what it held before. */
  counts?: {
    alone: number | null;
    kept: number | null;
    /** What the group held before this node (AND: the previous running value; the first child: every contact). */
    before: number | null;
    /** How the parent group combines (`root` for the whole tree). */
    combinator: 'and' | 'or' | 'root';
    /** Keeps less than CUTS_MOST_SHARE of what came before. */
    cutsMost: boolean;
    /** Not counted within the server's time budget. */
    timeout: boolean;
  };
  /** A chosen contact's result at this node, with the stored values that decided it, in words. */
  contact?: { result: boolean; detail?: string };
}

export interface FilterBuilderProps {
  catalog: Catalog;
  /** The filter tree (docs/semantics.md); the builder reads and writes it exactly (arrays for lists and ranges). */
  value: FilterGroup;
  onChange: (tree: FilterGroup) => void;
  /** The server's validation issues, each shown on the rule or group its path names. */
  issues?: TreeIssue[];
  lookup: Lookup;
  /** The segment being edited: left out of the segment picker. */
  segmentId?: string;
  disabled?: boolean;
  /** Shown beside the rules and groups, keyed by path: `""` the root, `rules[1].rules[0]`, … */
  annotations?: Record<string, NodeAnnotation>;
  /** Mark every incomplete rule now (after a refused save), not only those the user has left. */
  revealProblems?: boolean;
}
