/**
 * A tree as "the rest AND one part". Every node reached from the root through plain AND groups (not
 * negated) is a conjunct: the tree matches exactly the contacts that match the rest (the tree without
 * that node) and the node. A person editing a tree changes one conjunct at a time (a value moved, a
 * rule added), so the rest is what the tree before the edit and the tree after it share: the editor's
 * cache keeps the rest's members and tests only the changed conjunct on them (server/crm/edit-cache.ts).
 *
 * Pure: no database, no Strapi.
 */
import { isGroup, treeKey, type FilterGroup, type FilterRule } from '../../shared/filter-tree';

export interface Conjunct {
  /** where the node sits: `rules[2]`, `rules[0].rules[1]` */
  path: string;
  node: FilterRule | FilterGroup;
  /** the tree without the node; it holds a rule unless asked for `emptyRest` too */
  rest: FilterGroup;
  /** treeKey(rest) */
  restKey: string;
}

const plainAnd = (group: FilterGroup) => group.combinator === 'and' && !group.not;

/**
 * The conjuncts of `tree`, in document order: those whose rest still holds a rule (a rest of empty
 * groups matches every contact: nothing worth keeping, nothing that narrows), or all with `emptyRest`.
 */
export function conjuncts(tree: FilterGroup, { emptyRest = false } = {}): Conjunct[] {
  if (!plainAnd(tree)) return [];
  const found: Conjunct[] = [];
  const visit = (group: FilterGroup, steps: number[]) => {
    group.rules.forEach((node, i) => {
      const at = [...steps, i];
      if (isGroup(node) && plainAnd(node)) visit(node, at);
      else {
        const rest = without(tree, at);
        if (emptyRest || holdsRule(rest)) found.push({ path: at.map((n) => `rules[${n}]`).join('.'), node, rest, restKey: treeKey(rest) });
      }
    });
  };
  visit(tree, []);
  return found;
}

/** `tree` without the node the steps lead to (indexes into `rules`, from the root). */
function without(tree: FilterGroup, steps: number[]): FilterGroup {
  const [here, ...deeper] = steps;
  return {
    ...tree,
    rules:
      deeper.length === 0
        ? tree.rules.filter((_, i) => i !== here)
        : tree.rules.map((node, i) => (i === here && isGroup(node) ? without(node, deeper) : node)),
  };
}

/** Whether the group holds a rule, at any depth. */
function holdsRule(group: FilterGroup): boolean {
  return group.rules.some((node) => !isGroup(node) || holdsRule(node));
}
