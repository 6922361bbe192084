/**
 * What the builder emits is the filter tree the server accepts: checked with the server's own
 * validator, and free of react-querybuilder's bookkeeping.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { validateTree } from '../../server/engine/validate';
import { OPERATOR_LABELS } from '../../shared/catalog';
import type { FilterGroup } from '../../shared/filter-tree';
import en from '../translations/en.json';
import { OPERATOR_MESSAGES } from './messages';
import { treeProblems } from './problems';
import { CATALOG } from './test/fixtures';
import { renderBuilder, withoutIds } from './test/harness';
import { ruleRow, search } from './test/ui';

/** The product page's five prompts, as AI Mode or the API would hand them to the builder. */
const PROMPTS: FilterGroup[] = [
  {
    combinator: 'and',
    rules: [
      {
        field: 'deals',
        operator: 'matches',
        match: { mode: 'none' },
        value: { combinator: 'and', rules: [{ field: 'closeDate', operator: '>=', value: 'now-60d' }] },
      },
    ],
  },
  {
    combinator: 'and',
    rules: [
      { field: 'lifecycleStage', operator: '=', value: 'customer' },
      { field: 'email.opened', operator: 'any', value: { last: 1 } },
      {
        field: 'deals',
        operator: 'matches',
        match: { mode: 'none' },
        value: {
          combinator: 'and',
          rules: [
            { field: 'stage', operator: '=', value: 'closed_won' },
            { field: 'closeDate', operator: '>=', value: 'now-30d' },
          ],
        },
      },
    ],
  },
  {
    combinator: 'and',
    rules: [
      { field: 'company.employees', operator: '>', value: 100 },
      { field: 'company.country', operator: '=', value: 'France' },
    ],
  },
];

const LEAKS = /"(valueSource|disabled|muted|path|qbId)"/;

describe('emitted trees', () => {
  it.each(PROMPTS.map((tree, i) => [i, tree] as const))(
    'prompt tree %i round-trips through an edit unchanged and valid',
    async (_i, tree) => {
      expect(validateTree(tree, { fields: CATALOG.fields })).toEqual([]);
      const user = userEvent.setup();
      const { last } = renderBuilder(tree);
      // Add a condition and remove it again: the tree comes back as it was loaded, plus ids.
      await user.click(screen.getAllByRole('button', { name: 'Add condition' })[0]);
      const added = ruleRow('Email');
      await user.click(within(added).getByRole('button', { name: 'Remove condition' }));
      expect(withoutIds(last())).toEqual(tree);
      expect(JSON.stringify(last())).not.toMatch(LEAKS);
    },
  );

  it('gives new rules defaults the server accepts, or none at all where a value must be chosen (and the builder asks for it)', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder({ combinator: 'and', rules: [{ field: 'email', operator: 'notNull' }] });
    for (const [typed, option] of [
      ['Lifecycle', 'Lifecycle stage Contact'],
      ['Unsub', 'Unsubscribed Contact'],
      ['Deals', 'Deals Deals'],
      ['Opened', 'Opened email Email'],
    ] as const) {
      await search(user, 'Field', typed, option);
      const tree = last();
      // A choice nobody made is left empty: the server refuses it at the value, and the builder has words for it.
      const unchosen = treeProblems(tree, CATALOG.fields).map((p) => p.problem.id);
      const refused = validateTree(tree, { fields: CATALOG.fields }).map((i) => i.path);
      expect([typed, refused]).toEqual([typed, unchosen.length ? ['rules[0].value'] : []]);
      expect([typed, unchosen]).toEqual([
        typed,
        typed === 'Lifecycle' ? ['builder.problem.choose'] : typed === 'Unsub' ? ['builder.problem.boolean'] : [],
      ]);
      expect(JSON.stringify(tree)).not.toMatch(LEAKS);
    }
  });

  it('adds groups and sub-query rules without react-querybuilder extras', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder({
      combinator: 'and',
      rules: [{ field: 'deals', operator: 'matches', match: { mode: 'some' }, value: { combinator: 'and', rules: [] } }],
    });
    const header = ruleRow('Deals').querySelector('.ruleGroup-header') as HTMLElement;
    await user.click(within(header).getByRole('button', { name: 'Add condition' }));
    await user.click(within(header).getByRole('button', { name: 'Add group' }));
    await user.click(screen.getAllByRole('button', { name: 'Add group' })[0]);
    expect(withoutIds(last())).toEqual({
      combinator: 'and',
      rules: [
        {
          field: 'deals',
          operator: 'matches',
          match: { mode: 'some' },
          value: {
            combinator: 'and',
            rules: [
              { field: 'stage', operator: '=', value: '' },
              { combinator: 'and', rules: [] },
            ],
          },
        },
        { combinator: 'and', rules: [] },
      ],
    });
    // The new stage rule waits for a stage to be chosen; nothing else is refused.
    expect(validateTree(last(), { fields: CATALOG.fields }).map((i) => i.path)).toEqual(['rules[0].value.rules[0].value']);
  });
});

it('labels operators with the catalog\u2019s OPERATOR_LABELS, through i18n', () => {
  for (const [operator, id] of Object.entries(OPERATOR_MESSAGES)) expect([operator, en[id]]).toEqual([operator, OPERATOR_LABELS[operator]]);
  expect(Object.keys(OPERATOR_MESSAGES).sort()).toEqual(Object.keys(OPERATOR_LABELS).sort());
});
