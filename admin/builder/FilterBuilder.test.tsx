import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import type { FilterGroup } from '../../shared/filter-tree';
import { renderWithProviders } from '../test/render';
import { FilterBuilder } from './FilterBuilder';
import { CATALOG, memoryLookup } from './test/fixtures';
import { renderBuilder, withoutIds } from './test/harness';
import { choose, ruleRow, search } from './test/ui';

const TREE: FilterGroup = {
  combinator: 'and',
  rules: [
    { field: 'lifecycleStage', operator: '=', value: 'lead' },
    { combinator: 'or', not: true, rules: [{ field: 'leadScore', operator: '>', value: 10 }] },
  ],
};

describe('FilterBuilder', () => {
  it('renders a loaded tree without emitting a change', async () => {
    const { emitted } = renderBuilder(TREE);
    expect(await screen.findAllByRole('combobox', { name: 'Field' })).toHaveLength(2);
    expect(ruleRow('Lifecycle stage')).toBeInTheDocument();
    expect(ruleRow('Lead score')).toBeInTheDocument();
    expect(emitted).toEqual([]);
  });

  it('adds a rule with the first field and its defaults', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder(TREE);
    await user.click(screen.getAllByRole('button', { name: 'Add condition' })[0]);
    // The catalog's first field is the contact's first name.
    expect(withoutIds(last())).toEqual({ ...TREE, rules: [...TREE.rules, { field: 'firstName', operator: '=', value: '' }] });
  });

  it('resets operator and value when the field changes', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder({ combinator: 'and', rules: [{ field: 'lifecycleStage', operator: 'in', value: ['lead'] }] });
    await search(user, 'Field', 'score', 'Lead score Contact');
    expect(withoutIds(last())).toEqual({ combinator: 'and', rules: [{ field: 'leadScore', operator: '=', value: '' }] });
  });

  it('starts a to-many rule as "has some" with an empty sub-group', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder({ combinator: 'and', rules: [{ field: 'email', operator: '=', value: 'a@b.c' }] });
    await search(user, 'Field', 'Deal', 'Deals Deals');
    expect(withoutIds(last())).toEqual({
      combinator: 'and',
      rules: [{ field: 'deals', operator: 'matches', match: { mode: 'some' }, value: { combinator: 'and', rules: [] } }],
    });
  });

  it('adapts the value when the operator changes', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder({ combinator: 'and', rules: [{ field: 'leadScore', operator: '=', value: 5 }] });
    await choose(user, 'Operator', 'between');
    expect(withoutIds(last()).rules[0]).toEqual({ field: 'leadScore', operator: 'between', value: [5, ''] });
    await choose(user, 'Operator', 'is empty');
    expect(withoutIds(last()).rules[0]).toEqual({ field: 'leadScore', operator: 'null' });
    expect(screen.queryByRole('textbox', { name: /Lead score/ })).not.toBeInTheDocument();
  });

  it('switches AND/OR and NOT on a group', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder(TREE);
    await choose(user, 'Combinator', 'Any condition (OR)', document.querySelector('.ruleGroup-header') as HTMLElement);
    expect(last().combinator).toBe('or');
    const nots = screen.getAllByRole('checkbox', { name: 'Negate this group (NOT)' });
    expect(nots[1]).toBeChecked();
    await user.click(nots[1]);
    expect((last().rules[1] as FilterGroup).not).toBe(false);
  });

  it('moves a rule with the keyboard alternative to dragging, and removes it', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder({
      combinator: 'and',
      rules: [
        { field: 'email', operator: 'contains', value: 'x' },
        { field: 'leadScore', operator: '>', value: 1 },
      ],
    });
    const first = ruleRow('Email');
    // The design system disables icon buttons with aria-disabled, so they stay focusable and announced.
    expect(within(first).getByRole('button', { name: 'Move up' })).toHaveAttribute('aria-disabled', 'true');
    within(first).getByRole('button', { name: 'Move down' }).focus();
    await user.keyboard('{Enter}');
    expect(withoutIds(last()).rules.map((r) => (r as { field: string }).field)).toEqual(['leadScore', 'email']);
    await user.click(within(ruleRow('Lead score')).getByRole('button', { name: 'Remove condition' }));
    expect(withoutIds(last())).toEqual({ combinator: 'and', rules: [{ field: 'email', operator: 'contains', value: 'x' }] });
  });

  describe('sub-queries over to-many fields', () => {
    const DEALS: FilterGroup = {
      combinator: 'and',
      rules: [
        {
          field: 'deals',
          operator: 'matches',
          match: { mode: 'atLeast', threshold: 2 },
          value: { combinator: 'and', rules: [{ field: 'stage', operator: '=', value: 'closed_won' }] },
        },
      ],
    };

    it('shows the match mode in words, its threshold and the sub-group over the sub-fields', async () => {
      renderBuilder(DEALS);
      const row = ruleRow('Deals');
      expect(within(row).getByRole('combobox', { name: 'How many of the Deals' })).toHaveTextContent('at least');
      expect(within(row).getByRole('textbox', { name: 'Number of Deals' })).toHaveValue('2');
      expect(within(ruleRow('Stage')).getByRole('combobox', { name: 'Value of Stage' })).toHaveTextContent('Closed won');
    });

    it('changes the mode (dropping the threshold where it means nothing) and the threshold', async () => {
      const user = userEvent.setup();
      const { last } = renderBuilder(DEALS);
      const threshold = within(ruleRow('Deals')).getByRole('textbox', { name: 'Number of Deals' });
      await user.clear(threshold);
      await user.type(threshold, '3');
      expect(last().rules[0]).toMatchObject({ match: { mode: 'atLeast', threshold: 3 } });
      await choose(user, 'How many of the Deals', 'has none');
      expect(withoutIds(last().rules[0])).toEqual({ ...DEALS.rules[0], match: { mode: 'none' } });
    });

    it("edits and adds rules inside the sub-group, which stays the rule's value", async () => {
      const user = userEvent.setup();
      const { last } = renderBuilder(DEALS);
      await choose(user, 'Value of Stage', 'Proposal');
      expect(withoutIds(last())).toEqual({
        combinator: 'and',
        rules: [{ ...DEALS.rules[0], value: { combinator: 'and', rules: [{ field: 'stage', operator: '=', value: 'proposal' }] } }],
      });
      const header = ruleRow('Deals').querySelector('.ruleGroup-header') as HTMLElement;
      await user.click(within(header).getByRole('button', { name: 'Add condition' }));
      expect(withoutIds(last().rules[0])).toMatchObject({
        value: {
          combinator: 'and',
          rules: [
            { field: 'stage', operator: '=', value: 'proposal' },
            // The deal's first field is its name.
            { field: 'name', operator: '=', value: '' },
          ],
        },
      });
    });
  });

  describe('issues from the server', () => {
    const TWO: FilterGroup = {
      combinator: 'and',
      rules: [
        // Complete to the builder, refused by the server (for a reason only it knows): its message is shown.
        { field: 'leadScore', operator: '>', value: 12 },
        {
          field: 'deals',
          operator: 'matches',
          match: { mode: 'some' },
          value: { combinator: 'and', rules: [{ field: 'amount', operator: '>', value: 10 }] },
        },
      ],
    };

    it('shows each issue on the rule its path names, sub-query rules included, and the rest on top', () => {
      renderBuilder(TWO, {
        issues: [
          { path: 'rules[0].value', message: 'Lead score takes a number, not "12abc"' },
          { path: 'rules[1].value.rules[0].value', message: 'Amount takes a number, not "lots"' },
          { path: '(root)', message: 'the tree has 501 rules' },
        ],
      });
      const score = ruleRow('Lead score').closest('.rule-frame') as HTMLElement;
      expect(within(score).getByText('Lead score takes a number, not "12abc"')).toBeInTheDocument();
      expect(within(score).queryByText('Amount takes a number, not "lots"')).not.toBeInTheDocument();
      const amount = ruleRow('Amount').closest('.rule-frame') as HTMLElement;
      expect(within(amount).getByText('Amount takes a number, not "lots"')).toBeInTheDocument();
      expect(within(amount).queryByText('Lead score takes a number, not "12abc"')).not.toBeInTheDocument();
      const top = screen.getByText('The filter has problems').parentElement as HTMLElement;
      expect(within(top).getByText('the tree has 501 rules')).toBeInTheDocument();
    });

    it('says in words what a refused rule needs, in place of the server’s message and never with its path', () => {
      renderBuilder(
        {
          combinator: 'and',
          rules: [
            { field: 'leadScore', operator: 'between', value: [80, 20] },
            { field: 'company.country', operator: '=', value: '   ' },
          ],
        },
        {
          issues: [
            { path: 'rules[0].value', message: 'Lead score: the low bound 80 is above the high bound 20; put the smaller value first' },
            { path: 'rules[1].value', message: 'Company › Country takes a non-empty text value, not "   "' },
          ],
        },
      );
      const score = ruleRow('Lead score').closest('.rule-frame') as HTMLElement;
      expect(within(score).getByText('The upper bound must be at least 80: swap 80 and 20')).toBeInTheDocument();
      const country = ruleRow('Company › Country').closest('.rule-frame') as HTMLElement;
      expect(
        within(country).getByText('Enter some text; to find contacts without a Company › Country, choose “is empty”'),
      ).toBeInTheDocument();
      expect(document.body.textContent).not.toMatch(/rules\[|non-empty text value/);
    });
  });
});

describe('issues that stay with their rule', () => {
  it('keeps an issue on its rule when the rule moves, even if the page passes a new array each render', async () => {
    const user = userEvent.setup();
    const tree: FilterGroup = {
      combinator: 'and',
      rules: [
        { field: 'email', operator: 'contains', value: 'x' },
        { field: 'leadScore', operator: '>', value: 7 },
      ],
    };
    function Page() {
      const [value, setValue] = useState(tree);
      return (
        <FilterBuilder
          catalog={CATALOG}
          value={value}
          onChange={setValue}
          lookup={memoryLookup().lookup}
          issues={[{ path: 'rules[1].value', message: 'Lead score takes a number' }]}
        />
      );
    }
    renderWithProviders(<Page />);
    await user.click(within(ruleRow('Lead score')).getByRole('button', { name: 'Move up' }));
    expect(screen.getAllByRole('combobox', { name: 'Field' }).map((f) => (f as HTMLInputElement).value)).toEqual(['Lead score', 'Email']);
    expect(within(ruleRow('Lead score').closest('.rule-frame') as HTMLElement).getByText('Lead score takes a number')).toBeInTheDocument();
    expect(within(ruleRow('Email').closest('.rule-frame') as HTMLElement).queryByText('Lead score takes a number')).not.toBeInTheDocument();
  });
});

describe('a disabled builder', () => {
  it('shows the tree but offers nothing to change it', async () => {
    const user = userEvent.setup();
    const changes: FilterGroup[] = [];
    renderWithProviders(
      <FilterBuilder catalog={CATALOG} value={TREE} onChange={(t) => changes.push(t)} lookup={memoryLookup().lookup} disabled />,
    );
    for (const field of screen.getAllByRole('combobox', { name: 'Field' })) expect(field).toBeDisabled();
    expect(screen.getByRole('textbox', { name: 'Value of Lead score' })).toBeDisabled();
    await user.click(screen.getAllByRole('button', { name: 'Add condition' })[0]);
    await user.click(screen.getAllByRole('button', { name: 'Remove condition' })[0]);
    expect(changes).toEqual([]);
  });
});
