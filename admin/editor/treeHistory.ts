/**
 * Undo and redo of the filter tree, as plain data (no React). Every change is one step, except
 * typing: consecutive changes to the value of the same rule, each within COALESCE_MS of the last,
 * make one step, so Undo takes back the word typed, not its last letter.
 */
import { isGroup, treeKey, type FilterGroup, type FilterRule } from '../../shared/filter-tree';

/** At least 50 steps are promised; a tree is shared structure, so 100 cost little. */
export const HISTORY_LIMIT = 100;
/** A pause this long in typing starts a new step; generous, so a slow machine does not split a word. */
export const COALESCE_MS = 3000;

export interface TreeHistory {
  past: FilterGroup[];
  future: FilterGroup[];
  /** What the last recorded change edited (`value:<rule id>` while typing), and when. */
  last?: { key: string; at: number };
}

export const EMPTY_HISTORY: TreeHistory = { past: [], future: [] };

/** Same meaning: the same object, or equal once ids are left out (a tree loaded or restored without ids gets new ones). */
const same = (a: unknown, b: unknown) => a === b || treeKey(a) === treeKey(b);

/**
 * Where the value of one rule alone changed from `before` to `after`, if that is the whole change
 * (`value:1.0`, by position). Untouched branches are usually the same objects (the builder shares
 * them), so the walk is cheap; it compares by meaning where they are not.
 */
export function valueEditKey(before: FilterGroup, after: FilterGroup, at = ''): string | undefined {
  if (before.rules.length !== after.rules.length || before.combinator !== after.combinator || Boolean(before.not) !== Boolean(after.not))
    return undefined;
  const changed = after.rules.map((node, i) => i).filter((i) => !same(before.rules[i], after.rules[i]));
  if (changed.length !== 1) return undefined;
  const i = changed[0];
  const [prev, next] = [before.rules[i], after.rules[i]];
  const here = at ? `${at}.${i}` : String(i);
  if (isGroup(next) || isGroup(prev)) return isGroup(next) && isGroup(prev) ? valueEditKey(prev, next, here) : undefined;
  const [a, b] = [prev as FilterRule, next as FilterRule];
  if (a.field !== b.field || a.operator !== b.operator || JSON.stringify(a.match) !== JSON.stringify(b.match)) return undefined;
  // A sub-query's rules are steps of their own; the to-many rule itself is not being typed in.
  if (isGroup(a.value) && isGroup(b.value)) return valueEditKey(a.value, b.value, `${here}.value`);
  const typed = (v: unknown) => typeof v === 'string' || typeof v === 'number';
  return typed(a.value) && typed(b.value) ? `value:${here}` : undefined;
}

/** The history after the tree went from `current` to `next` at time `now`. */
export function recordChange(history: TreeHistory, current: FilterGroup, next: FilterGroup, now: number): TreeHistory {
  if (current === next) return history;
  const key = valueEditKey(current, next);
  const typing = key !== undefined && history.last?.key === key && now - history.last.at <= COALESCE_MS && history.past.length > 0;
  const last = key ? { key, at: now } : undefined;
  if (typing) return { past: history.past, future: [], last };
  return { past: [...history.past, current].slice(-HISTORY_LIMIT), future: [], last };
}

/** The tree to show after Undo, and the history that remembers how to come back; undefined when there is nothing to undo. */
export function undo(history: TreeHistory, current: FilterGroup): { tree: FilterGroup; history: TreeHistory } | undefined {
  const tree = history.past[history.past.length - 1];
  if (!tree) return undefined;
  return { tree, history: { past: history.past.slice(0, -1), future: [current, ...history.future] } };
}

export function redo(history: TreeHistory, current: FilterGroup): { tree: FilterGroup; history: TreeHistory } | undefined {
  const [tree, ...future] = history.future;
  if (!tree) return undefined;
  return { tree, history: { past: [...history.past, current].slice(-HISTORY_LIMIT), future } };
}
