/** Relations, campaigns and segments are picked by label through `lookup` and stored as documentIds. */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FilterRule } from '../../../shared/filter-tree';
import { SEGMENT_UID } from '../../../shared/contracts/constants';
import { CAMPAIGN_UID, COMPANY_UID } from '../test/fixtures';
import { renderBuilder, withoutIds } from '../test/harness';
import { choose, ruleRow, search } from '../test/ui';

const one = (rule: FilterRule) => ({ combinator: 'and' as const, rules: [rule] });
const ruleOf = (tree: { rules: unknown[] }) => withoutIds(tree.rules[0]);

describe('to-one relations', () => {
  it('shows the label of a loaded documentId, resolved through lookup by ids', async () => {
    const { lookupCalls } = renderBuilder(one({ field: 'company', operator: '=', value: 'co-acme' }));
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Value of Company' })).toHaveValue('Acme'));
    expect(lookupCalls).toContainEqual({ target: COMPANY_UID, ids: ['co-acme'] });
  });

  it('searches by label and stores the documentId', async () => {
    const user = userEvent.setup();
    const { last, lookupCalls } = renderBuilder(one({ field: 'company', operator: '=', value: '' }));
    await search(user, 'Value of Company', 'glo', 'Globex');
    expect(ruleOf(last())).toEqual({ field: 'company', operator: '=', value: 'co-globex' });
    expect(lookupCalls).toContainEqual(expect.objectContaining({ target: COMPANY_UID, q: 'glo' }));
  });

  it('collects several documentIds for in, shown as removable labels', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder(one({ field: 'company', operator: 'in', value: ['co-acme'] }));
    expect(await screen.findByText('Acme')).toBeInTheDocument();
    await search(user, 'Value of Company', 'ini', 'Initech');
    expect(ruleOf(last())).toEqual({ field: 'company', operator: 'in', value: ['co-acme', 'co-initech'] });
    await user.click(screen.getByRole('button', { name: 'Remove Acme' }));
    expect(ruleOf(last())).toEqual({ field: 'company', operator: 'in', value: ['co-initech'] });
  });

  it('says so when a stored record no longer exists', async () => {
    renderBuilder(one({ field: 'company', operator: 'notIn', value: ['co-gone'] }));
    expect(await screen.findByText('Unknown record co-gone')).toBeInTheDocument();
  });

  it("picks a sub-query relation (a deal's company) by the sub-field's target", async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder(
      one({
        field: 'deals',
        operator: 'matches',
        match: { mode: 'some' },
        value: { combinator: 'and', rules: [{ field: 'company', operator: '=', value: '' }] },
      }),
    );
    await search(user, 'Value of Company', 'acm', 'Acme');
    expect(ruleOf(last())).toEqual({
      field: 'deals',
      operator: 'matches',
      match: { mode: 'some' },
      value: { combinator: 'and', rules: [{ field: 'company', operator: '=', value: 'co-acme' }] },
    });
  });
});

describe('email engagement', () => {
  it('shows and edits "the last N campaigns"', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder(one({ field: 'email.opened', operator: 'all', value: { last: 3 } }));
    expect(screen.getByRole('combobox', { name: 'Which campaigns' })).toHaveTextContent('the last N campaigns sent');
    const count = screen.getByRole('textbox', { name: 'Number of latest campaigns' });
    expect(count).toHaveValue('3');
    await user.clear(count);
    await user.type(count, '5');
    expect(ruleOf(last())).toEqual({ field: 'email.opened', operator: 'all', value: { last: 5 } });
  });

  it('picks campaigns, showing their send date, as { campaigns: [documentId] }', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder(one({ field: 'email.opened', operator: 'any', value: { last: 1 } }));
    await choose(user, 'Which campaigns', 'these campaigns');
    expect(ruleOf(last())).toEqual({ field: 'email.opened', operator: 'any', value: { campaigns: [] } });
    const input = screen.getByRole('combobox', { name: 'Value of Opened email' });
    await user.type(input, 's');
    const spring = await screen.findByRole('option', { name: /Spring sale/ });
    expect(within(spring).getByText(`sent ${new Date('2026-03-01T09:00:00.000Z').toLocaleDateString()}`)).toBeInTheDocument();
    expect(screen.getByRole('option', { name: /Summer news/ })).toHaveTextContent('not sent');
    // A send date still to come: scheduled, not sent (the server lists it after the sent ones).
    expect(screen.getByRole('option', { name: /Winter sneak peek/ })).toHaveTextContent(
      `Scheduled for ${new Date('2099-01-05T09:00:00.000Z').toLocaleDateString()}: not sent yet`,
    );
    await user.click(spring);
    expect(ruleOf(last())).toEqual({ field: 'email.opened', operator: 'any', value: { campaigns: ['ca-spring'] } });
  });

  it('shows loaded campaigns by name, a scheduled one marked', async () => {
    const { lookupCalls } = renderBuilder(
      one({ field: 'email.opened', operator: 'none', value: { campaigns: ['ca-summer', 'ca-winter'] } }),
    );
    expect(await screen.findByText('Summer news')).toBeInTheDocument();
    expect(screen.getByText('Winter sneak peek (scheduled)')).toBeInTheDocument();
    expect(lookupCalls).toContainEqual({ target: CAMPAIGN_UID, ids: ['ca-summer', 'ca-winter'] });
  });
});

describe('segments', () => {
  it('offers other segments, never the one being edited, and stores their documentIds', async () => {
    const user = userEvent.setup();
    const { last, lookupCalls } = renderBuilder(one({ field: 'segment', operator: 'in', value: [] }), { segmentId: 'seg-self' });
    const input = screen.getByRole('combobox', { name: 'Value of Segment' });
    await user.type(input, 'e');
    expect(await screen.findByRole('option', { name: /VIP customers/ })).toBeInTheDocument();
    expect(screen.getByRole('option', { name: /Old leads/ })).toHaveTextContent('archived');
    expect(screen.queryByRole('option', { name: /This segment/ })).not.toBeInTheDocument();
    expect(lookupCalls).toContainEqual(expect.objectContaining({ target: SEGMENT_UID, exclude: 'seg-self' }));
    await user.click(screen.getByRole('option', { name: /VIP customers/ }));
    expect(ruleOf(last())).toEqual({ field: 'segment', operator: 'in', value: ['seg-vip'] });
    expect(within(ruleRow('Segment')).getByText('VIP customers')).toBeInTheDocument();
  });

  it('shows loaded segments by name, resolved through lookup by ids', async () => {
    const { lookupCalls } = renderBuilder(one({ field: 'segment', operator: 'notIn', value: ['seg-vip', 'seg-old'] }), {
      segmentId: 'seg-self',
    });
    expect(await screen.findByText('VIP customers')).toBeInTheDocument();
    expect(screen.getByText('Old leads (archived)')).toBeInTheDocument();
    expect(lookupCalls).toContainEqual({ target: SEGMENT_UID, ids: ['seg-vip', 'seg-old'] });
  });

  it('marks a rule that uses an archived segment, and only then', async () => {
    renderBuilder(one({ field: 'segment', operator: 'in', value: ['seg-vip', 'seg-old'] }), { segmentId: 'seg-self' });
    expect(await within(ruleRow('Segment')).findByTestId('archived-reference')).toHaveTextContent(
      'Uses an archived segment: “Old leads”. It still counts',
    );
  });

  it('does not mark a rule whose segments are all active', async () => {
    renderBuilder(one({ field: 'segment', operator: 'in', value: ['seg-vip'] }), { segmentId: 'seg-self' });
    expect(await screen.findByText('VIP customers')).toBeInTheDocument();
    expect(screen.queryByTestId('archived-reference')).not.toBeInTheDocument();
  });
});
