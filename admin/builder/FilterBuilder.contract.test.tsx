/**
 * What the builder emits is the filter tree the server accepts, on the playground's real catalog:
 * checked with the server's own validator (the contract itself: the builder's problems.ts only words
 * what a person left unfinished, and no validator lives in shared/), and free of react-querybuilder's
 * bookkeeping. The trees are the product page's five prompts (playground/scripts/spec-prompts.ts).
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { validateTree } from '../../server/engine/validate';
import { OPERATOR_LABELS } from '../../shared/catalog';
import { SPEC_PROMPTS } from '../../playground/scripts/spec-prompts';
import en from '../translations/en.json';
import { OPERATOR_MESSAGES } from './messages';
import { treeProblems } from './problems';
import { CATALOG } from './test/fixtures';
import { renderBuilder, withoutIds } from './test/harness';
import { ruleRow, search } from './test/ui';

const LEAKS = /"(valueSource|disabled|muted|path|qbId)"/;

describe('emitted trees', () => {
  it.each(SPEC_PROMPTS.map(({ id, prompt, filters }) => [id, prompt, filters] as const))(
    '%s (%s) round-trips through an edit unchanged and valid',
    async (_id, _prompt, tree) => {
      expect(validateTree(tree, { fields: CATALOG.fields })).toEqual([]);
      const user = userEvent.setup();
      const { last } = renderBuilder(tree);
      // Add a condition and remove it again: the tree comes back as it was loaded, plus ids.
      await user.click(screen.getAllByRole('button', { name: 'Add condition' })[0]);
      const added = ruleRow('First name');
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
              { field: 'name', operator: '=', value: '' },
              { combinator: 'and', rules: [] },
            ],
          },
        },
        { combinator: 'and', rules: [] },
      ],
    });
    // The new rule on the deal's name waits for a name; nothing else is refused.
    expect(validateTree(last(), { fields: CATALOG.fields }).map((i) => i.path)).toEqual(['rules[0].value.rules[0].value']);
  });
});

it('labels operators with the catalog\u2019s OPERATOR_LABELS, through i18n', () => {
  for (const [operator, id] of Object.entries(OPERATOR_MESSAGES)) expect([operator, en[id]]).toEqual([operator, OPERATOR_LABELS[operator]]);
  expect(Object.keys(OPERATOR_MESSAGES).sort()).toEqual(Object.keys(OPERATOR_LABELS).sort());
});
