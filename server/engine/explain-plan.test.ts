import type { FilterGroup } from '../../shared/filter-tree';
import { explainPlan } from './explain-plan';

const a = { field: 'lifecycleStage', operator: '=', value: 'lead', id: 'r-a' };
const b = { field: 'leadScore', operator: '>', value: 10 };
const c = { field: 'deals', operator: 'matches', match: { mode: 'some' as const }, value: { combinator: 'and' as const, rules: [b] } };

it('lists the root, then every rule and group in document order, not entering to-many sub-groups', () => {
  const inner: FilterGroup = { combinator: 'or', not: true, rules: [b, c], id: 'g-1' };
  const tree: FilterGroup = { combinator: 'and', rules: [a, inner] };
  expect(explainPlan(tree).map(({ node: _node, ...rest }) => rest)).toEqual([
    { path: '', alone: tree, kept: tree },
    { path: 'rules[0]', id: 'r-a', alone: { combinator: 'and', rules: [a] }, kept: { combinator: 'and', rules: [a] } },
    // a NOT group alone is itself, negated; its kept is the AND of its parent up to it
    { path: 'rules[1]', id: 'g-1', alone: inner, kept: { combinator: 'and', rules: [a, inner] } },
    // its children read as written, without the NOT
    { path: 'rules[1].rules[0]', alone: { combinator: 'and', rules: [b] }, kept: { combinator: 'or', rules: [b] } },
    { path: 'rules[1].rules[1]', alone: { combinator: 'and', rules: [c] }, kept: { combinator: 'or', rules: [b, c] } },
  ]);
});
