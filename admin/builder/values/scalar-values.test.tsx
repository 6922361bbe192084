/** Text, number, range, list, enumeration and boolean editors: each shows a loaded filter-tree value and emits one. */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FilterRule } from '../../../shared/filter-tree';
import { renderBuilder, withoutIds } from '../test/harness';
import { choose } from '../test/ui';

const one = (rule: FilterRule) => ({ combinator: 'and' as const, rules: [rule] });
const ruleOf = (tree: { rules: unknown[] }) => withoutIds(tree.rules[0]);

describe('text', () => {
  it('shows and edits a string', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder(one({ field: 'email', operator: 'contains', value: 'acme' }));
    const input = screen.getByRole('textbox', { name: 'Value of Email' });
    expect(input).toHaveValue('acme');
    await user.type(input, '.io');
    // The tree hears of typing once it pauses (useTypedValue).
    await waitFor(() => expect(ruleOf(last())).toEqual({ field: 'email', operator: 'contains', value: 'acme.io' }));
  });
});

describe('numbers', () => {
  it('emits numbers, not text', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder(one({ field: 'leadScore', operator: '>', value: 10 }));
    const input = screen.getByRole('textbox', { name: 'Value of Lead score' });
    expect(input).toHaveValue('10');
    await user.clear(input);
    await user.type(input, '42');
    await waitFor(() => expect(ruleOf(last())).toEqual({ field: 'leadScore', operator: '>', value: 42 }));
  });

  it('keeps text that is not a number, flagged, instead of dropping it', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder(one({ field: 'leadScore', operator: '>', value: 10 }));
    const input = screen.getByRole('textbox', { name: 'Value of Lead score' });
    await user.type(input, 'x');
    await waitFor(() => expect(ruleOf(last())).toEqual({ field: 'leadScore', operator: '>', value: '10x' }));
    expect(input).toHaveValue('10x');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Enter a number')).toBeInTheDocument();
  });

  it('keeps integers beyond 2^53 as exact decimal strings', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder(one({ field: 'leadScore', operator: '=', value: '' }));
    await user.type(screen.getByRole('textbox', { name: 'Value of Lead score' }), '9007199254740993');
    await waitFor(() => expect(ruleOf(last())).toEqual({ field: 'leadScore', operator: '=', value: '9007199254740993' }));
    expect(screen.queryByText('Enter a number')).not.toBeInTheDocument();
  });

  it('edits between as [low, high]', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder(one({ field: 'company.employees', operator: 'between', value: [10, 20] }));
    expect(screen.getByRole('textbox', { name: 'From (lowest Company › Employees)' })).toHaveValue('10');
    const high = screen.getByRole('textbox', { name: 'To (highest Company › Employees)' });
    expect(high).toHaveValue('20');
    await user.clear(high);
    await user.type(high, '250');
    await waitFor(() => expect(ruleOf(last())).toEqual({ field: 'company.employees', operator: 'between', value: [10, 250] }));
  });
});

describe('lists of free values (in / not in)', () => {
  it('adds a tag on Enter and on a comma, removes one, and always emits an array', async () => {
    const user = userEvent.setup();
    const { last, emitted } = renderBuilder(one({ field: 'company.country', operator: 'in', value: ['Germany'] }));
    expect(screen.getByText('Germany')).toBeInTheDocument();
    const input = screen.getByRole('textbox', { name: 'Value of Company › Country' });
    await user.type(input, 'France{Enter}');
    expect(ruleOf(last())).toEqual({ field: 'company.country', operator: 'in', value: ['Germany', 'France'] });
    await user.type(input, 'Spain,');
    expect(ruleOf(last())).toEqual({ field: 'company.country', operator: 'in', value: ['Germany', 'France', 'Spain'] });
    await user.click(screen.getByRole('button', { name: 'Remove France' }));
    expect(ruleOf(last())).toEqual({ field: 'company.country', operator: 'in', value: ['Germany', 'Spain'] });
    expect(emitted.every((tree) => Array.isArray(tree.rules[0] && (tree.rules[0] as FilterRule).value))).toBe(true);
  });

  it('adds numbers as numbers and refuses text that is not one, visibly', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder(one({ field: 'leadScore', operator: 'notIn', value: [] }));
    const input = screen.getByRole('textbox', { name: 'Value of Lead score' });
    await user.type(input, '5{Enter}');
    expect(ruleOf(last())).toEqual({ field: 'leadScore', operator: 'notIn', value: [5] });
    await user.type(input, 'five{Enter}');
    expect(ruleOf(last())).toEqual({ field: 'leadScore', operator: 'notIn', value: [5] });
    expect(input).toHaveValue('five');
    expect(screen.getByText('Enter a number')).toBeInTheDocument();
  });
});

describe('enumerations', () => {
  it('shows the option label and stores its value', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder(one({ field: 'lifecycleStage', operator: '=', value: 'lead' }));
    expect(screen.getByRole('combobox', { name: 'Value of Lifecycle stage' })).toHaveTextContent('Lead');
    await choose(user, 'Value of Lifecycle stage', 'Customer');
    expect(ruleOf(last())).toEqual({ field: 'lifecycleStage', operator: '=', value: 'customer' });
  });

  it('picks several options for in', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder(one({ field: 'lifecycleStage', operator: 'in', value: ['lead'] }));
    const select = screen.getByRole('combobox', { name: 'Value of Lifecycle stage' });
    expect(within(select).getByText('Lead')).toBeInTheDocument();
    await user.click(select);
    await user.click(await screen.findByRole('option', { name: 'Customer' }));
    expect(ruleOf(last())).toEqual({ field: 'lifecycleStage', operator: 'in', value: ['lead', 'customer'] });
  });
});

describe('booleans', () => {
  it('stores true and false as booleans', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder(one({ field: 'unsubscribed', operator: '=', value: true }));
    expect(screen.getByRole('combobox', { name: 'Value of Unsubscribed' })).toHaveTextContent('true');
    await choose(user, 'Value of Unsubscribed', 'false');
    expect(ruleOf(last())).toEqual({ field: 'unsubscribed', operator: '=', value: false });
  });
});

describe('null / not null', () => {
  it('has no value editor and no value', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder(one({ field: 'email', operator: '=', value: 'x' }));
    await choose(user, 'Operator', 'is not empty');
    expect(ruleOf(last())).toEqual({ field: 'email', operator: 'notNull' });
    expect('value' in last().rules[0]).toBe(false);
    expect(screen.queryByRole('textbox', { name: 'Value of Email' })).not.toBeInTheDocument();
  });
});
