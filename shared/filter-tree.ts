/**
 * The filter tree, version 1 (docs/semantics.md). It is react-querybuilder's RuleGroupType, so the admin
 * builder edits it without conversion; the same JSON is accepted by the API and stored in segments.
 */
export type Combinator = 'and' | 'or';

export const MATCH_MODES = ['some', 'none', 'all', 'atLeast', 'atMost', 'exactly'] as const;
export type MatchMode = (typeof MATCH_MODES)[number];
export const THRESHOLD_MODES: readonly MatchMode[] = ['atLeast', 'atMost', 'exactly'];

export interface Match {
  mode: MatchMode;
  threshold?: number;
}

export interface FilterRule {
  field: string;
  operator: string;
  value?: unknown;
  match?: Match;
  id?: string;
}

export interface FilterGroup {
  combinator: Combinator;
  not?: boolean;
  rules: Array<FilterRule | FilterGroup>;
  id?: string;
}

/**
 * A group (of a tree, or anything that arrived as one); everything else in `rules` is a rule. `G`
 * names the group type where it is another shape of the same tree (react-querybuilder's, in the builder).
 */
export const isGroup = <G extends { rules: unknown[] } = FilterGroup>(node: unknown): node is G =>
  typeof node === 'object' && node !== null && Array.isArray((node as G).rules);

/**
 * A tree's meaning as text: rule and group `id`s are the builder's bookkeeping (docs/semantics.md), so
 * they are left out, and two trees that differ only in them give the same key.
 */
export const treeKey = (tree: unknown): string =>
  JSON.stringify(tree, (key, value) => (key === 'id' && typeof value === 'string' ? undefined : value));

/** The tree without the builder's ids. */
export const withoutIds = <T>(tree: T): T => JSON.parse(treeKey(tree));

/**
 * A problem the tree validator found: where (`rules[2].rules[0].value`, or `(root)`) and what, in
 * words. A 400 for a tree lists them in `error.details.errors`.
 */
export interface TreeIssue {
  path: string;
  message: string;
}

/**
 * Calls `visit` on every rule of the tree's own groups, in order (not inside to-many sub-groups,
 * whose fields are the related type's). Tolerates any JSON, so that it can read a tree before it is
 * validated.
 */
export function forEachRule(tree: unknown, visit: (rule: Partial<FilterRule> & Record<string, unknown>) => void): void {
  if (!isGroup(tree)) return;
  for (const node of tree.rules as unknown[]) {
    if (isGroup(node)) forEachRule(node, visit);
    else if (typeof node === 'object' && node !== null) visit(node as Partial<FilterRule> & Record<string, unknown>);
  }
}

/** Engagement value of `email.opened` / `email.clicked`. */
export type EngagementValue = { campaigns: string[] } | { last: number };

export const MAX_DEPTH = 12;
export const MAX_RULES = 500;
export const MAX_SEGMENT_CHAIN = 10;
/** A filter tree's JSON may take at most this many bytes (UTF-8). */
export const MAX_TREE_BYTES = 512 * 1024;
