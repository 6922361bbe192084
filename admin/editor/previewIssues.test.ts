import type { FilterGroup } from '../../shared/filter-tree';
import { treeProblems } from '../builder/problems';
import { CATALOG } from '../builder/test/fixtures';
import type { Translate } from '../i18n';
import { issuesToMark, previewBlocker } from './previewIssues';

const TREE: FilterGroup = {
  combinator: 'and',
  rules: [
    { id: 'r0', field: 'firstName', operator: '=', value: '' },
    { id: 'r1', field: 'leadScore', operator: '>', value: 'ten' },
    { id: 'r2', field: 'tags', operator: 'in', value: [] },
    {
      id: 'r3',
      field: 'deals',
      operator: 'matches',
      match: { mode: 'some' },
      value: { id: 'g3', combinator: 'and', rules: [{ id: 'r3.0', field: 'stage', operator: '=', value: '' }] },
    },
  ],
};

it('leaves out the issues of rules still waiting for a value, and keeps the others', () => {
  const issues = [
    { path: 'rules[0].value', message: 'First name takes a non-empty text value' },
    { path: 'rules[1].value', message: 'Lead score needs a number' },
    { path: 'rules[2].value', message: 'Tags needs at least one value' },
    { path: 'rules[3].value.rules[0].value', message: 'Stage must be one of its options' },
    { path: 'rules[0].operator', message: 'unknown operator' },
    { path: 'rules[9].value', message: 'a path of another tree' },
  ];
  expect(issuesToMark(TREE, issues).map((i) => i.path)).toEqual(['rules[1].value', 'rules[0].operator', 'rules[9].value']);
});

it('hands back the same array when nothing is left out', () => {
  const issues = [{ path: 'rules[1].value', message: 'Lead score needs a number' }];
  expect(issuesToMark(TREE, issues)).toBe(issues);
});

describe('previewBlocker', () => {
  const fields = CATALOG.fields;
  const t = ((id: string, values?: Record<string, unknown>) => `${id} ${JSON.stringify(values ?? {})}`) as unknown as Translate;

  it('names the first incomplete rule in the builder’s words', () => {
    const problems = treeProblems(TREE, fields);
    expect(previewBlocker(TREE, fields, problems, [], t)).toEqual({
      label: 'First name',
      message: 'builder.problem.text {"field":"First name"}',
    });
  });

  it('else names the rule the server refused by its label, with the server’s words and never the path', () => {
    const issues = [{ path: 'rules[3].value.rules[0].value', message: '"x" is not a Stage value' }];
    expect(previewBlocker(TREE, fields, [], issues, t)).toEqual({ label: 'Stage', message: '"x" is not a Stage value' });
    expect(previewBlocker(TREE, fields, [], [{ path: '(root)', message: 'too many' }], t)).toBeUndefined();
  });
});
