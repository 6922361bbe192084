import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FilterGroup } from '../../shared/filter-tree';
import { renderBuilder, withoutIds } from './test/harness';

const TREE: FilterGroup = {
  combinator: 'and',
  rules: [
    { field: 'lifecycleStage', operator: '=', value: 'lead' },
    { combinator: 'or', not: true, rules: [{ field: 'leadScore', operator: '>', value: 10 }] },
  ],
};

describe('FilterBuilder', () => {
  it('renders a loaded tree without changing it', async () => {
    const { emitted } = renderBuilder(TREE);
    expect(await screen.findAllByRole('combobox', { name: 'Field' })).toHaveLength(2);
    expect(emitted).toEqual([]);
  });

  it('adds a rule with the first field defaults', async () => {
    const user = userEvent.setup();
    const { last } = renderBuilder(TREE);
    await user.click(screen.getAllByRole('button', { name: 'Add condition' })[0]);
    expect(withoutIds(last())).toEqual({ ...TREE, rules: [...TREE.rules, { field: 'email', operator: '=', value: '' }] });
  });
});
