/**
 * The edit scenario: a person editing a segment changes one rule at a time, and what they wait for is
 * the preview after that change. Each run previews the tree as it was (what the editor showed before
 * the click, untimed), then changes one leaf and times the next preview.
 *
 * Which change: the last leaf, in document order and inside sub-groups, whose value can move without
 * changing the rule's kind, moved by an amount that differs per run so that no run previews a tree
 * an earlier run did:
 * - a number +k (a `between` widens its high end by k),
 * - relative date math `now-<n><unit>` → `now-<n+k><unit>`,
 * - a list of two or more texts loses its k-th element (a segment list too),
 * - a campaign set `{ last: n }` → `{ last: n + k }`.
 * A tree with no such leaf gets a rule added instead (`leadScore >= k`), the other one-rule edit.
 */
import type { FilterGroup, FilterRule } from '../../shared/filter-tree';
import { isGroup } from '../../shared/filter-tree';
import { summarize, type Timing } from './timing';

export interface EditResult {
  /** what the edit does, e.g. `leadScore: 40 → 40+k` */
  change: string;
  timing: Timing;
  /** how many of the timed previews came partly from the editor's cache (their answer had `asOf`) */
  cached: number;
  /** the first edit's preview (a warm-up when there are any): the one that reads and keeps the unchanged part, in ms */
  firstMs: number;
  /** the last edited tree and its answer, for the bench to check the count */
  last: { tree: FilterGroup; count: number; asOf?: string };
}

/** What a preview answered: the count, and `asOf` when part of it came from the editor's cache. */
export interface PreviewAnswer {
  count: number;
  asOf?: string;
}

const RELATIVE = /^now-(\d+)([a-zA-Z])(\/[a-zA-Z])?$/;

/** The leaf's value moved by k (k ≥ 1), or undefined when this leaf's value cannot move. */
function moved(rule: FilterRule, k: number): { value: unknown; change: string } | undefined {
  const v = rule.value;
  if (typeof v === 'number') return { value: v + k, change: `${rule.field} ${rule.operator} ${v} → ${v}+k` };
  if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number') && rule.operator === 'between') {
    return { value: [v[0], v[1] + k], change: `${rule.field} between: high end ${v[1]} → ${v[1]}+k` };
  }
  if (typeof v === 'string') {
    const m = RELATIVE.exec(v);
    if (m) return { value: `now-${Number(m[1]) + k}${m[2]}${m[3] ?? ''}`, change: `${rule.field} ${rule.operator} ${v}: n → n+k` };
    return undefined;
  }
  if (Array.isArray(v) && v.length >= 2 && v.every((x) => typeof x === 'string')) {
    const drop = k % v.length;
    return { value: v.filter((_, i) => i !== drop), change: `${rule.field} ${rule.operator}: one of ${v.length} values dropped` };
  }
  if (v && typeof v === 'object' && typeof (v as { last?: unknown }).last === 'number') {
    const last = (v as { last: number }).last;
    return { value: { last: last + k }, change: `${rule.field} ${rule.operator} the last ${last} campaigns → ${last}+k` };
  }
  return undefined;
}

/** The tree with its last movable leaf moved by k; `change` says which, undefined when none moves. */
function editLastLeaf(group: FilterGroup, k: number): { tree: FilterGroup; change: string } | undefined {
  for (let i = group.rules.length - 1; i >= 0; i--) {
    const node = group.rules[i];
    let edited: { node: FilterGroup | FilterRule; change: string } | undefined;
    if (isGroup(node)) {
      const inner = editLastLeaf(node, k);
      if (inner) edited = { node: inner.tree, change: inner.change };
    } else if (isGroup(node.value)) {
      const inner = editLastLeaf(node.value, k);
      if (inner) edited = { node: { ...node, value: inner.tree }, change: inner.change };
    } else {
      const m = moved(node, k);
      if (m) edited = { node: { ...node, value: m.value }, change: m.change };
    }
    if (edited) return { tree: { ...group, rules: group.rules.map((r, j) => (j === i ? edited.node : r)) }, change: edited.change };
  }
  return undefined;
}

/** The k-th edit of a tree (k ≥ 1). */
export function editedTree(tree: FilterGroup, k: number): { tree: FilterGroup; change: string } {
  return (
    editLastLeaf(tree, k) ?? {
      tree: { ...tree, rules: [...tree.rules, { field: 'leadScore', operator: '>=', value: k }] },
      change: 'a rule added: leadScore >= k',
    }
  );
}

/** Times the preview after a one-rule edit, the unedited tree previewed (untimed) before each. */
export async function measureEdit(
  tree: FilterGroup,
  preview: (filters: FilterGroup) => Promise<PreviewAnswer>,
  { runs, warmups }: { runs: number; warmups: number },
): Promise<EditResult> {
  const samples: number[] = [];
  let cached = 0;
  let firstMs = 0;
  let last: EditResult['last'] | undefined;
  for (let k = 1; k <= warmups + runs; k++) {
    const { tree: edited } = editedTree(tree, k);
    await preview(tree);
    const started = performance.now();
    const answer = await preview(edited);
    if (k === 1) firstMs = performance.now() - started;
    if (k > warmups) {
      samples.push(performance.now() - started);
      if (answer.asOf) cached += 1;
    }
    last = { tree: edited, count: answer.count, asOf: answer.asOf };
  }
  return { change: editedTree(tree, 1).change, timing: summarize(samples), cached, firstMs, last: last! };
}
