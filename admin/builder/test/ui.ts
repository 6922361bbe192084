/** Driving the design system's selects and comboboxes the way a keyboard or mouse user does. */
import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';

/** Opens a SingleSelect / MultiSelect by its accessible name and picks the option with that text. */
export async function choose(user: UserEvent, name: string | RegExp, option: string | RegExp, container: HTMLElement = document.body) {
  await user.click(within(container).getByRole('combobox', { name }));
  await user.click(await screen.findByRole('option', { name: option }));
}

/** Types into a Combobox by its accessible name and picks the option with that text. */
export async function search(
  user: UserEvent,
  name: string | RegExp,
  text: string,
  option: string | RegExp,
  container: HTMLElement = document.body,
) {
  const input = within(container).getByRole('combobox', { name });
  await user.clear(input);
  await user.type(input, text);
  await user.click(await screen.findByRole('option', { name: option }));
}

/** The row of the rule whose field shows `label`. */
export function ruleRow(label: string): HTMLElement {
  const field = screen.getAllByRole('combobox', { name: 'Field' }).find((input) => (input as HTMLInputElement).value === label);
  if (!field) throw new Error(`no rule on ${label}`);
  const row = field.closest('.rule');
  if (!row) throw new Error('field outside a rule');
  return row as HTMLElement;
}
