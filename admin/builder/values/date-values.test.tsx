/** Dates: absolute ISO dates, relative dates in words written as date math, ranges. */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FilterRule } from '../../../shared/filter-tree';
import { renderBuilder, withoutIds } from '../test/harness';
import { choose } from '../test/ui';

const one = (rule: FilterRule) => ({ combinator: 'and' as const, rules: [rule] });
const ruleOf = (tree: { rules: unknown[] }) => withoutIds(tree.rules[0]);

describe('relative dates', () => {
  it('shows a loaded ">= now-90d" as "in the last 90 days"', () => {
    const { emitted } = renderBuilder(one({ field: 'createdAt', operator: '>=', value: 'now-90d' }));
    expect(screen.getByRole('combobox', { name: 'Operator' })).toHaveTextContent('in the last');
    expect(screen.getByRole('textbox', { name: 'Number of days' })).toHaveValue('90');
    expect(screen.getByRole('combobox', { name: 'Unit (Created at)' })).toHaveTextContent('days');
    expect(emitted).toEqual([]);
  });

  it('shows "< now-60d" as "more than 60 days ago" and "<= now+2w" as "in the next 2 weeks"', () => {
    renderBuilder({
      combinator: 'and',
      rules: [
        { field: 'createdAt', operator: '<', value: 'now-60d' },
        { field: 'createdAt', operator: '<=', value: 'now+2w' },
      ],
    });
    const [ago, next] = screen.getAllByRole('combobox', { name: 'Operator' });
    expect(ago).toHaveTextContent('more than … ago');
    expect(screen.getByText('ago')).toBeInTheDocument();
    expect(next).toHaveTextContent('in the next');
    expect(screen.getAllByRole('combobox', { name: 'Unit (Created at)' }).map((u) => u.textContent)).toEqual(['days', 'weeks']);
    expect(screen.getAllByRole('textbox', { name: /Number of/ }).map((i) => (i as HTMLInputElement).value)).toEqual(['60', '2']);
  });

  it('writes the phrase, amount and unit as operator and date math', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder(one({ field: 'createdAt', operator: '=', value: '2026-01-01' }));
    await choose(user, 'Operator', 'in the last');
    expect(ruleOf(last())).toEqual({ field: 'createdAt', operator: '>=', value: 'now-30d' });
    const amount = screen.getByRole('textbox', { name: 'Number of days' });
    await user.clear(amount);
    await user.type(amount, '60');
    expect(ruleOf(last())).toEqual({ field: 'createdAt', operator: '>=', value: 'now-60d' });
    await choose(user, 'Operator', 'more than … ago');
    expect(ruleOf(last())).toEqual({ field: 'createdAt', operator: '<', value: 'now-60d' });
    await choose(user, 'Unit (Created at)', 'weeks');
    expect(ruleOf(last())).toEqual({ field: 'createdAt', operator: '<', value: 'now-60w' });
    await choose(user, 'Operator', 'in the next');
    expect(ruleOf(last())).toEqual({ field: 'createdAt', operator: '<=', value: 'now+60w' });
    await choose(user, 'Operator', 'more than … from now');
    expect(ruleOf(last())).toEqual({ field: 'createdAt', operator: '>', value: 'now+60w' });
  });

  it('flags an amount that is not a whole number and does not write it', async () => {
    const user = userEvent.setup();
    const { emitted } = renderBuilder(one({ field: 'createdAt', operator: '>=', value: 'now-7d' }));
    const amount = screen.getByRole('textbox', { name: 'Number of days' });
    await user.type(amount, 'x');
    expect(amount).toHaveValue('7x');
    expect(amount).toHaveAttribute('aria-invalid', 'true');
    expect(emitted).toEqual([]);
  });

  it('leaves a phrase for a plain comparison with an empty date to fill in', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder(one({ field: 'createdAt', operator: '>=', value: 'now-7d' }));
    await choose(user, 'Operator', 'on or after');
    expect(ruleOf(last())).toEqual({ field: 'createdAt', operator: '>=', value: '' });
    expect(screen.getByLabelText('Value of Created at')).toHaveAttribute('type', 'date');
  });
});

describe('absolute dates', () => {
  it('edits an ISO date', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder(one({ field: 'createdAt', operator: '<', value: '2026-01-01' }));
    const input = screen.getByLabelText('Value of Created at');
    expect(input).toHaveValue('2026-01-01');
    await user.clear(input);
    await user.type(input, '2025-12-24');
    expect(ruleOf(last())).toEqual({ field: 'createdAt', operator: '<', value: '2025-12-24' });
  });

  it('keeps a loaded datetime or date math it cannot show as a date', () => {
    renderBuilder(one({ field: 'createdAt', operator: '=', value: '2026-01-01T10:30:00Z' }));
    const input = screen.getByLabelText('Value of Created at');
    expect(input).toHaveAttribute('type', 'text');
    expect(input).toHaveValue('2026-01-01T10:30:00Z');
  });

  it('edits between as [from, to] on a sub-query date', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder(
      one({
        field: 'deals',
        operator: 'matches',
        match: { mode: 'some' },
        value: { combinator: 'and', rules: [{ field: 'closeDate', operator: 'between', value: ['2026-01-01', '2026-03-31'] }] },
      }),
    );
    const to = screen.getByLabelText('To (highest Close date)');
    expect(screen.getByLabelText('From (lowest Close date)')).toHaveValue('2026-01-01');
    await user.clear(to);
    await user.type(to, '2026-06-30');
    expect((ruleOf(last()) as FilterRule).value).toEqual({
      combinator: 'and',
      rules: [{ field: 'closeDate', operator: 'between', value: ['2026-01-01', '2026-06-30'] }],
    });
    expect(within(document.body).queryByText('in the last')).not.toBeInTheDocument();
  });
});

describe('calendar periods', () => {
  it.each([
    ['today', 'now/d', 'now+1d/d'],
    ['this week', 'now/w', 'now+1w/w'],
    ['this month', 'now/M', 'now+1M/M'],
    ['this quarter', 'now/Q', 'now+3M/Q'],
    ['this year', 'now/y', 'now+1y/y'],
    ['last month', 'now-1M/M', 'now/M'],
    ['last quarter', 'now-3M/Q', 'now/Q'],
    ['last year', 'now-1y/y', 'now/y'],
  ])('"%s" writes the group >= %s and < %s on the field (the next start excluded)', async (label, start, end) => {
    const user = userEvent.setup();
    const { last } = renderBuilder(one({ field: 'createdAt', operator: '=', value: '2026-01-01' }));
    await choose(user, 'Operator', label);
    expect(withoutIds(last())).toEqual({
      combinator: 'and',
      rules: [
        {
          combinator: 'and',
          rules: [
            { field: 'createdAt', operator: '>=', value: start },
            { field: 'createdAt', operator: '<', value: end },
          ],
        },
      ],
    });
    // the two rules show their rounded values as written, so they survive an edit elsewhere
    expect(screen.getAllByRole('textbox', { name: /Value/ }).map((i) => (i as HTMLInputElement).value)).toEqual([start, end]);
  });

  it('offers the periods on a date attribute too', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder(
      one({
        field: 'deals',
        operator: 'matches',
        match: { mode: 'some' },
        value: one({ field: 'closeDate', operator: '=', value: '2026-01-01' }),
      }),
    );
    await choose(user, 'Operator', 'last quarter');
    expect(JSON.stringify(withoutIds(last()))).toContain(
      '{"field":"closeDate","operator":">=","value":"now-3M/Q"},{"field":"closeDate","operator":"<","value":"now/Q"}',
    );
  });
});
