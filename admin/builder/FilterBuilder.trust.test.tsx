/**
 * A builder a marketer can trust: no value chosen for the user, multi-selects that
 * toggle exactly what is clicked, and each incomplete rule marked at the rule, in words, once the
 * user leaves it (or at once after a refused save), never silently counted.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FilterGroup, FilterRule } from '../../shared/filter-tree';
import { renderBuilder, withoutIds } from './test/harness';
import { choose, ruleRow, search } from './test/ui';
import { CATALOG } from './test/fixtures';
import { renderWithProviders } from '../test/render';
import { FilterBuilder } from './FilterBuilder';
import { memoryLookup } from './test/fixtures';

const one = (rule: FilterRule): FilterGroup => ({ combinator: 'and', rules: [rule] });
const frameOf = (label: string) => ruleRow(label).closest('.rule-frame') as HTMLElement;
const marks = (frame: HTMLElement) => [...frame.querySelectorAll(':scope > .node-issues')].map((n) => n.textContent);

describe('a value nobody chose', () => {
  it('starts a Lifecycle stage rule with nothing chosen, and "is one of" with nothing ticked', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder(one({ field: 'email', operator: 'notNull' }));
    await search(user, 'Field', 'Lifecycle', 'Lifecycle stage Contact');
    expect(withoutIds(last().rules[0])).toEqual({ field: 'lifecycleStage', operator: '=', value: '' });
    expect(screen.getByRole('combobox', { name: 'Value of Lifecycle stage' })).toHaveTextContent('Choose…');
    await choose(user, 'Operator', 'is one of');
    expect(withoutIds(last().rules[0])).toEqual({ field: 'lifecycleStage', operator: 'in', value: [] });
  });

  it('toggles exactly the options clicked', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder(one({ field: 'lifecycleStage', operator: 'in', value: [] }));
    await user.click(screen.getByRole('combobox', { name: 'Value of Lifecycle stage' }));
    for (const option of ['Subscriber', 'Lead', 'Customer']) await user.click(await screen.findByRole('option', { name: option }));
    expect(withoutIds(last().rules[0])).toEqual({ field: 'lifecycleStage', operator: 'in', value: ['subscriber', 'lead', 'customer'] });
    await user.click(await screen.findByRole('option', { name: 'Lead' }));
    expect(withoutIds(last().rules[0])).toEqual({ field: 'lifecycleStage', operator: 'in', value: ['subscriber', 'customer'] });
  });
});

describe('incomplete rules are marked at the rule, in words, as the user leaves them', () => {
  it('asks for the upper bound once the user leaves a range with only its low bound, then for the right order', async () => {
    const user = userEvent.setup();
    renderBuilder({
      combinator: 'and',
      rules: [
        { field: 'leadScore', operator: 'between', value: ['', ''] },
        { field: 'email', operator: 'contains', value: 'a' },
      ],
    });
    const low = screen.getByRole('textbox', { name: 'From (lowest Lead score)' });
    await user.type(low, '80');
    // Still in the rule: not marked while it is being filled in.
    expect(marks(frameOf('Lead score'))).toEqual([]);
    await user.click(screen.getByRole('textbox', { name: 'Value of Email' }));
    expect(marks(frameOf('Lead score'))).toEqual(['Enter the upper bound; it must be at least 80']);
    expect(frameOf('Lead score')).toHaveAttribute('data-invalid', 'true');
    await user.type(screen.getByRole('textbox', { name: 'To (highest Lead score)' }), '20');
    // A rule already left is marked again as soon as typing in it pauses.
    await waitFor(() => expect(marks(frameOf('Lead score'))).toEqual(['The upper bound must be at least 80: swap 80 and 20']));
    await user.clear(screen.getByRole('textbox', { name: 'To (highest Lead score)' }));
    await user.type(screen.getByRole('textbox', { name: 'To (highest Lead score)' }), '95');
    await waitFor(() => expect(marks(frameOf('Lead score'))).toEqual([]));
    expect(frameOf('Lead score')).not.toHaveAttribute('data-invalid');
  });

  it('marks blank text and an empty date when left, and a new rule not before', async () => {
    const user = userEvent.setup();
    renderBuilder({
      combinator: 'and',
      rules: [
        { field: 'company.country', operator: '=', value: '' },
        { field: 'createdAt', operator: '>', value: '' },
      ],
    });
    expect(document.querySelectorAll('.node-issues')).toHaveLength(0);
    await user.type(screen.getByRole('textbox', { name: 'Value of Company › Country' }), '   ');
    await user.click(screen.getByLabelText('Value of Created at'));
    expect(marks(frameOf('Company › Country'))).toEqual([
      'Enter some text; to find contacts without a Company › Country, choose “is empty”',
    ]);
    await user.tab();
    await user.click(screen.getByRole('textbox', { name: 'Value of Company › Country' }));
    expect(marks(frameOf('Created at'))).toEqual(['Choose a date']);
  });

  it('empties the tree’s threshold with its box, and asks for one instead of counting "at least 1"', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder({
      combinator: 'and',
      rules: [
        { field: 'deals', operator: 'matches', match: { mode: 'atLeast', threshold: 2 }, value: { combinator: 'and', rules: [] } },
        { field: 'email', operator: 'contains', value: 'a' },
      ],
    });
    const box = screen.getByRole('textbox', { name: 'Number of Deals' });
    await user.clear(box);
    expect(withoutIds(last().rules[0])).toEqual({
      field: 'deals',
      operator: 'matches',
      match: { mode: 'atLeast' },
      value: { combinator: 'and', rules: [] },
    });
    await user.click(screen.getByRole('textbox', { name: 'Value of Email' }));
    expect(marks(frameOf('Deals'))).toEqual(['Enter how many Deals must match: a whole number, 0 or more']);
  });

  it('marks every incomplete rule at once when asked (a refused save), untouched ones included', () => {
    renderWithProviders(
      <FilterBuilder
        catalog={CATALOG}
        value={{
          combinator: 'and',
          rules: [
            { field: 'lifecycleStage', operator: '=', value: '' },
            { field: 'unsubscribed', operator: '=' },
          ],
        }}
        onChange={() => undefined}
        lookup={memoryLookup().lookup}
        revealProblems
      />,
    );
    expect(marks(frameOf('Lifecycle stage'))).toEqual(['Choose a Lifecycle stage']);
    expect(marks(frameOf('Unsubscribed'))).toEqual(['Choose true or false']);
  });

  it('marks an empty group as matching everyone, and not a to-many rule’s empty sub-group', () => {
    renderBuilder({
      combinator: 'and',
      rules: [
        { field: 'deals', operator: 'matches', match: { mode: 'none' }, value: { combinator: 'and', rules: [] } },
        { combinator: 'or', rules: [] },
      ],
    });
    const notes = screen.getAllByText('This group has no condition, so it matches everyone. Add a condition or remove the group.');
    expect(notes).toHaveLength(1);
    expect(ruleRow('Deals').contains(notes[0])).toBe(false);
  });
});

describe('focusNode', () => {
  it('focuses the empty box a rule needs', async () => {
    const { container } = renderBuilder({
      combinator: 'and',
      rules: [
        { field: 'email', operator: 'contains', value: 'a' },
        { field: 'leadScore', operator: 'between', value: [80, ''] },
      ],
    });
    const { focusNode } = await import('./FilterBuilder');
    const id = (ruleRow('Lead score').closest('[data-node-id]') as HTMLElement).dataset.nodeId;
    act(() => {
      expect(focusNode(container, id)).toBe(true);
    });
    await waitFor(() =>
      expect(document.activeElement).toBe(within(ruleRow('Lead score')).getByRole('textbox', { name: 'To (highest Lead score)' })),
    );
  });
});
