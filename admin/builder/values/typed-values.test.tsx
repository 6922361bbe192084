/** Value boxes answer the keyboard at once and tell the tree when typing pauses, when left, or before a shortcut. */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FilterRule } from '../../../shared/filter-tree';
import { renderBuilder, withoutIds } from '../test/harness';

const one = (rule: FilterRule) => ({ combinator: 'and' as const, rules: [rule] });
const valueOf = (tree: { rules: unknown[] }) => (withoutIds(tree.rules[0]) as FilterRule).value;

it('tells the tree of a word typed at speed once, when typing pauses', async () => {
  const user = userEvent.setup();
  const { emitted } = renderBuilder(one({ field: 'email', operator: 'contains', value: 'acme' }));
  const input = screen.getByRole('textbox', { name: 'Value of Email' });
  await user.type(input, '.io');
  expect(input).toHaveValue('acme.io');
  expect(emitted).toHaveLength(0);
  await waitFor(() => expect(emitted).toHaveLength(1));
  expect(valueOf(emitted[0])).toBe('acme.io');
});

it('tells the tree at once when the box is left, and before Ctrl+Z (the tree’s undo must have every letter)', async () => {
  const user = userEvent.setup();
  const { emitted } = renderBuilder(one({ field: 'email', operator: 'contains', value: 'acme' }));
  const input = screen.getByRole('textbox', { name: 'Value of Email' });
  await user.type(input, 'x');
  fireEvent.keyDown(input, { key: 'z', ctrlKey: true });
  expect(emitted.map(valueOf)).toEqual(['acmex']);
  await user.type(input, 'y');
  await user.tab();
  expect(emitted.map(valueOf)).toEqual(['acmex', 'acmexy']);
});

it('keeps a number as typed while the tree reads it the same ("1.0" on the way to 1.05)', async () => {
  const user = userEvent.setup();
  const { emitted } = renderBuilder(one({ field: 'leadScore', operator: '>', value: '' }));
  const input = screen.getByRole('textbox', { name: 'Value of Lead score' });
  await user.type(input, '1.0');
  await waitFor(() => expect(emitted).toHaveLength(1));
  expect(valueOf(emitted[0])).toBe(1);
  expect(input).toHaveValue('1.0');
  await user.type(input, '5');
  await user.tab();
  expect(input).toHaveValue('1.05');
  expect(valueOf(emitted[emitted.length - 1])).toBe(1.05);
});
