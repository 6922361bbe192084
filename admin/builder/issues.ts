/**
 * Places the server's validation issues (`rules[2].rules[0].value`) on the nodes they name, by id,
 * so a rule shows its own problem wherever react-querybuilder renders it (sub-queries included).
 */
import { isGroup, type FilterGroup, type FilterRule, type TreeIssue } from '../../shared/filter-tree';

export interface PlacedIssues {
  /** Messages by the id of the rule or group they belong to. */
  byNode: Map<string, string[]>;
  /** Issues about the whole tree, or whose path names no node of the current tree. */
  general: TreeIssue[];
}

const STEP = /^(?:rules\[(\d+)\]|(value))(?:\.|$)/;

/**
 * The node a path names: the deepest rule or group its `rules[i]` steps reach, walking into a
 * to-many rule's sub-group through `.value`. A sub-group is shown by the rule that owns it, so a
 * path ending at a sub-group lands on that rule. Undefined for the root and for unknown paths.
 */
export function nodeAtPath(tree: FilterGroup, path: string): FilterRule | FilterGroup | undefined {
  let rest = path === '(root)' ? '' : path;
  let group: FilterGroup = tree;
  let node: FilterRule | FilterGroup | undefined;
  while (rest) {
    const step = STEP.exec(rest);
    if (!step) break;
    if (step[1] !== undefined) {
      const child: FilterRule | FilterGroup | undefined = group.rules[Number(step[1])];
      if (!child) return undefined;
      node = child;
      if (isGroup(child)) group = child;
    } else {
      const owner = node;
      if (!owner || isGroup(owner) || !isGroup(owner.value)) break;
      group = owner.value;
    }
    rest = rest.slice(step[0].length);
  }
  return node;
}

export function placeIssues(tree: FilterGroup, issues: readonly TreeIssue[] | undefined): PlacedIssues {
  const byNode = new Map<string, string[]>();
  const general: TreeIssue[] = [];
  for (const issue of issues ?? []) {
    const node = nodeAtPath(tree, issue.path);
    if (!node?.id) {
      general.push(issue);
      continue;
    }
    byNode.set(node.id, [...(byNode.get(node.id) ?? []), issue.message]);
  }
  return { byNode, general };
}

/**
 * Places annotations keyed by path on the ids of the nodes they name in `tree` (the root at `""`),
 * so that they stay with their rule while the user edits, like issues.
 */
export function placeByPath<T>(tree: FilterGroup, byPath: Record<string, T> | undefined): Map<string, T> {
  const placed = new Map<string, T>();
  for (const [path, value] of Object.entries(byPath ?? {})) {
    const node = path === '' ? tree : nodeAtPath(tree, path);
    if (node?.id) placed.set(node.id, value);
  }
  return placed;
}
