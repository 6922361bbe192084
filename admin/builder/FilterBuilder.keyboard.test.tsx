/** Everything the mouse does in a rule, the keyboard does too: field, operator, value, add, move, remove. */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderBuilder, withoutIds } from './test/harness';
import { ruleRow } from './test/ui';

it('builds a rule with the keyboard alone', async () => {
  const user = userEvent.setup();
  const { last } = renderBuilder({ combinator: 'and', rules: [{ field: 'email', operator: 'notNull' }] });

  screen.getByRole('button', { name: 'Add condition' }).focus();
  await user.keyboard('{Enter}');
  expect(last().rules).toHaveLength(2);

  const fields = screen.getAllByRole('combobox', { name: 'Field' });
  fields[1].focus();
  await user.keyboard('Unsub');
  await screen.findByRole('option', { name: /Unsubscribed/ });
  // Two presses, as a person makes them: the highlight is React state, committed between keys.
  await user.keyboard('{ArrowDown}');
  await user.keyboard('{Enter}');
  // Nothing chosen for the user: true or false is picked below.
  expect(withoutIds(last().rules[1])).toEqual({ field: 'unsubscribed', operator: '=' });

  const row = ruleRow('Unsubscribed');
  within(row).getByRole('combobox', { name: 'Operator' }).focus();
  await user.keyboard('{Enter}');
  await screen.findByRole('option', { name: 'is not' });
  await user.keyboard('{ArrowDown}{Enter}');
  expect(withoutIds(last().rules[1])).toEqual({ field: 'unsubscribed', operator: '!=' });

  within(row).getByRole('combobox', { name: 'Value of Unsubscribed' }).focus();
  await user.keyboard('{Enter}');
  await screen.findByRole('option', { name: 'false' });
  await user.keyboard('{ArrowDown}{Enter}');
  expect(withoutIds(last().rules[1])).toEqual({ field: 'unsubscribed', operator: '!=', value: false });

  within(ruleRow('Unsubscribed')).getByRole('button', { name: 'Move up' }).focus();
  await user.keyboard('{Enter}');
  expect(withoutIds(last().rules.map((r) => ('field' in r ? r.field : '')))).toEqual(['unsubscribed', 'email']);

  within(ruleRow('Email')).getByRole('button', { name: 'Remove condition' }).focus();
  await user.keyboard(' ');
  expect(withoutIds(last())).toEqual({ combinator: 'and', rules: [{ field: 'unsubscribed', operator: '!=', value: false }] });
});
