/**
 * The sub-trees explain counts, as plain filter trees, so that the engine evaluates them exactly as
 * it evaluates any tree (the same compiler, the same semantics): one entry per group and per rule of
 * the contact level, in document order (a node before its children).
 */
import { isGroup, type FilterGroup, type FilterRule } from '../../shared/filter-tree';

export interface PlanNode {
  path: string;
  id?: string;
  node: FilterRule | FilterGroup;
  /** The node by itself. */
  alone: FilterGroup;
  /** The parent's combinator over its children up to this one (the root: the tree). */
  kept: FilterGroup;
}

const childPath = (parent: string, i: number) => (parent ? `${parent}.rules[${i}]` : `rules[${i}]`);

export function explainPlan(tree: FilterGroup): PlanNode[] {
  const plan: PlanNode[] = [{ path: '', ...(tree.id ? { id: tree.id } : {}), node: tree, alone: tree, kept: tree }];
  const walk = (group: FilterGroup, path: string) => {
    group.rules.forEach((child, i) => {
      const at = childPath(path, i);
      plan.push({
        path: at,
        ...(child.id ? { id: child.id } : {}),
        node: child,
        alone: isGroup(child) ? child : { combinator: 'and', rules: [child] },
        kept: { combinator: group.combinator, rules: group.rules.slice(0, i + 1) },
      });
      if (isGroup(child)) walk(child, at);
    });
  };
  walk(tree, '');
  return plan;
}
