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

/** A group (of a tree, or anything that arrived as one); everything else in `rules` is a rule. */
export const isGroup = (node: unknown): node is FilterGroup =>
  typeof node === 'object' && node !== null && Array.isArray((node as FilterGroup).rules);

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
