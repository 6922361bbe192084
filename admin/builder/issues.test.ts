import type { FilterGroup } from '../../shared/filter-tree';
import { nodeAtPath, placeIssues } from './issues';

const TREE: FilterGroup = {
  id: 'root',
  combinator: 'and',
  rules: [
    { id: 'r0', field: 'leadScore', operator: '>', value: 'x' },
    {
      id: 'r1',
      field: 'deals',
      operator: 'matches',
      match: { mode: 'some' },
      value: {
        id: 'sub',
        combinator: 'and',
        rules: [
          { id: 'r1.0', field: 'stage', operator: '=', value: 'won' },
          { id: 'g1.1', combinator: 'or', rules: [{ id: 'r1.1.0', field: 'amount', operator: '>', value: 1 }] },
        ],
      },
    },
    { id: 'g2', combinator: 'or', rules: [{ id: 'r2.0', field: 'email', operator: '=', value: '' }] },
    { id: 'r3', field: 'email.opened', operator: 'any', value: { campaigns: [] } },
  ],
};

describe('nodeAtPath', () => {
  it.each([
    ['rules[0].value', 'r0'],
    ['rules[0]', 'r0'],
    ['rules[2].rules[0].value', 'r2.0'],
    ['rules[2].combinator', 'g2'],
    ['rules[1].value.rules[0].field', 'r1.0'],
    ['rules[1].value.rules[1].rules[0].value', 'r1.1.0'],
    ['rules[1].value.rules[1]', 'g1.1'],
    ['rules[1].match.threshold', 'r1'],
    // the sub-group itself is shown by the rule that owns it
    ['rules[1].value', 'r1'],
    ['rules[1].value.combinator', 'r1'],
    ['rules[3].value.campaigns', 'r3'],
    ['rules[3].value.campaigns[0]', 'r3'],
  ])('%s names %s', (path, id) => {
    expect(nodeAtPath(TREE, path)?.id).toBe(id);
  });

  it.each(['', '(root)', 'rules', 'rules[9].value', 'rules[2].rules[5]', 'rules[1].value.rules[7].field', 'combinator'])(
    '%s names no node',
    (path) => {
      expect(nodeAtPath(TREE, path)).toBeUndefined();
    },
  );
});

describe('placeIssues', () => {
  it('groups messages by node id and keeps root and unknown paths general', () => {
    const placed = placeIssues(TREE, [
      { path: 'rules[0].value', message: 'Lead score takes a number' },
      { path: 'rules[0].operator', message: 'second' },
      { path: 'rules[1].value.rules[0].value', message: 'not a stage' },
      { path: '(root)', message: 'expected a group' },
      { path: 'rules[42]', message: 'stale' },
    ]);
    expect(Object.fromEntries(placed.byNode)).toEqual({ r0: ['Lead score takes a number', 'second'], 'r1.0': ['not a stage'] });
    expect(placed.general.map((i) => i.message)).toEqual(['expected a group', 'stale']);
  });

  it('has nothing to place without issues', () => {
    expect(placeIssues(TREE, undefined)).toEqual({ byNode: new Map(), general: [] });
  });
});
