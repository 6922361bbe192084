import type { FilterGroup, FilterRule } from '../../shared/filter-tree';
import { ruleProblem, treeProblems } from './problems';
import { CATALOG, fieldNamed } from './test/fixtures';

const problemOf = (rule: FilterRule) => ruleProblem(rule, fieldNamed(rule.field));

describe('what a rule still needs', () => {
  it.each<[string, FilterRule, string | undefined, Record<string, unknown>?]>([
    ['a complete number', { field: 'leadScore', operator: '>', value: 5 }, undefined],
    ['an empty number', { field: 'leadScore', operator: '>', value: '' }, 'builder.problem.number'],
    ['text that is not a number', { field: 'leadScore', operator: '>', value: '5x' }, 'builder.problem.notNumber', { text: '5x' }],
    ['a range without bounds', { field: 'leadScore', operator: 'between', value: ['', ''] }, 'builder.problem.bothBounds'],
    [
      'a range without its upper bound',
      { field: 'leadScore', operator: 'between', value: [80, ''] },
      'builder.problem.highBound',
      { low: '80' },
    ],
    [
      'a range without its lower bound',
      { field: 'leadScore', operator: 'notBetween', value: ['', 20] },
      'builder.problem.lowBound',
      { high: '20' },
    ],
    [
      'a reversed range',
      { field: 'leadScore', operator: 'between', value: [80, 20] },
      'builder.problem.reversed',
      { low: '80', high: '20' },
    ],
    ['equal bounds', { field: 'leadScore', operator: 'between', value: [20, '20'] }, undefined],
    ['reversed dates', { field: 'createdAt', operator: 'between', value: ['2025-06-01', '2025-01-01'] }, 'builder.problem.reversed'],
    ['dates without one bound', { field: 'createdAt', operator: 'between', value: ['', ''] }, 'builder.problem.bothDates'],
    ['an empty date', { field: 'createdAt', operator: '>', value: '' }, 'builder.problem.date'],
    ['blank text', { field: 'email', operator: 'contains', value: '   ' }, 'builder.problem.text'],
    ['text with spaces around it', { field: 'email', operator: 'contains', value: ' a ' }, undefined],
    ['an option not chosen', { field: 'lifecycleStage', operator: '=', value: '' }, 'builder.problem.choose'],
    ['no option ticked', { field: 'lifecycleStage', operator: 'in', value: [] }, 'builder.problem.options'],
    ['an empty free list', { field: 'email', operator: 'in', value: [] }, 'builder.problem.list'],
    ['no boolean chosen', { field: 'unsubscribed', operator: '=' }, 'builder.problem.boolean'],
    ['no segment chosen', { field: 'segment', operator: 'in', value: [] }, 'builder.problem.segment'],
    ['no campaign chosen', { field: 'email.opened', operator: 'any', value: { campaigns: [] } }, 'builder.problem.campaigns'],
    [
      'an emptied threshold',
      { field: 'deals', operator: 'matches', match: { mode: 'atLeast' }, value: { combinator: 'and', rules: [] } },
      'builder.problem.threshold',
    ],
    [
      'a threshold of 0',
      { field: 'deals', operator: 'matches', match: { mode: 'exactly', threshold: 0 }, value: { combinator: 'and', rules: [] } },
      undefined,
    ],
    ['a valueless operator', { field: 'email', operator: 'null' }, undefined],
  ])('%s', (...[, rule, id, values]) => {
    const problem = problemOf(rule);
    expect(problem?.id).toBe(id);
    if (values) expect(problem?.values).toMatchObject(values);
  });

  it('lists the incomplete rules of a tree in order, inside groups and sub-queries, with their labels and ids', () => {
    const tree: FilterGroup = {
      combinator: 'and',
      rules: [
        { id: 'a', field: 'leadScore', operator: '>', value: 1 },
        { id: 'g', combinator: 'or', rules: [{ id: 'b', field: 'email', operator: '=', value: '' }] },
        {
          id: 'd',
          field: 'deals',
          operator: 'matches',
          match: { mode: 'some' },
          value: { combinator: 'and', rules: [{ id: 'c', field: 'stage', operator: '=', value: '' }] },
        },
        { combinator: 'and', rules: [] },
      ],
    };
    expect(treeProblems(tree, CATALOG.fields).map((p) => [p.id, p.label, p.problem.id])).toEqual([
      ['b', 'Email', 'builder.problem.text'],
      ['c', 'Stage', 'builder.problem.choose'],
    ]);
  });
});
