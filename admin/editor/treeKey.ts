import type { FilterGroup } from '../../shared/filter-tree';

/**
 * A tree's meaning as a string. Rule and group `id`s are the builder's bookkeeping (docs/semantics.md), so
 * they are left out: the builder adding ids must neither mark the form dirty nor rerun the preview.
 */
export const treeKey = (tree: FilterGroup) =>
  JSON.stringify(tree, (key, value) => (key === 'id' && typeof value === 'string' ? undefined : value));
