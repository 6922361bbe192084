import { treeKey, type FilterGroup, type FilterRule } from '../../shared/filter-tree';
import { conjuncts } from './conjuncts';

const rule = (field: string, operator: string, value?: unknown): FilterRule => ({ field, operator, value });
const and = (...rules: (FilterRule | FilterGroup)[]): FilterGroup => ({ combinator: 'and', rules });
const or = (...rules: (FilterRule | FilterGroup)[]): FilterGroup => ({ combinator: 'or', rules });

const a = rule('leadScore', '>=', 40);
const b = rule('country', '=', 'France');
const c = rule('source', '=', 'referral');

describe('conjuncts', () => {
  it('lists the nodes under plain AND groups, each with the tree without it', () => {
    const tree = and(a, and(b, or(c, a)));
    expect(conjuncts(tree).map(({ path, node, rest }) => ({ path, node, rest }))).toEqual([
      { path: 'rules[0]', node: a, rest: and(and(b, or(c, a))) },
      { path: 'rules[1].rules[0]', node: b, rest: and(a, and(or(c, a))) },
      { path: 'rules[1].rules[1]', node: or(c, a), rest: and(a, and(b)) },
    ]);
  });

  it('keys each rest as treeKey does (ids of the builder left out)', () => {
    const tree = and({ ...a, id: 'r1' } as FilterRule, { ...b, id: 'r2' } as FilterRule);
    expect(conjuncts(tree).map((p) => p.restKey)).toEqual([treeKey(and(b)), treeKey(and(a))]);
  });

  it('stops at OR groups, negated groups and to-many sub-trees', () => {
    const some = { field: 'deals', operator: 'matches', match: { mode: 'some' }, value: and(a, b) } as FilterRule;
    expect(conjuncts(or(a, b))).toEqual([]);
    expect(conjuncts({ ...and(a, b), not: true })).toEqual([]);
    expect(conjuncts(and(some, c)).map((p) => p.node)).toEqual([some, c]);
    expect(conjuncts(and({ ...and(a, b), not: true }, c)).map((p) => p.path)).toEqual(['rules[0]', 'rules[1]']);
  });

  it('leaves out a conjunct whose rest holds no rule (every contact: nothing worth keeping)', () => {
    expect(conjuncts(and(a))).toEqual([]);
    expect(conjuncts(and(and(), a, and(and())))).toEqual([]);
    expect(conjuncts(and(a, b)).map((p) => p.path)).toEqual(['rules[0]', 'rules[1]']);
  });

  it('gives the tree before an edit as the rest of the rule the edit added, and the same rest to a changed value', () => {
    const before = and(a, and(b));
    const added = and(a, and(b, c));
    expect(conjuncts(added).find((p) => p.node === c)?.restKey).toBe(treeKey(before));
    const moved = and(rule('leadScore', '>=', 41), and(b));
    expect(conjuncts(moved)[0].restKey).toBe(conjuncts(before)[0].restKey);
  });
});
