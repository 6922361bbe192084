import type { Catalog } from '../../shared/catalog';
import type { FilterGroup } from '../../shared/filter-tree';
import catalogJson from '../../tests/fixtures/playground-catalog.json';
import { hideValues, restoreValues } from './hide-values';

const fields = (catalogJson as Catalog).fields;

describe('values hidden from the model (ai.sendValues: false)', () => {
  const tree: FilterGroup = {
    combinator: 'and',
    rules: [
      { field: 'email', operator: 'in', value: ['ana@example.com', 'bo@example.com'] },
      { field: 'lifecycleStage', operator: '=', value: 'lead' },
      { field: 'leadScore', operator: '>', value: 40 },
      { field: 'createdAt', operator: '>=', value: 'now-30d' },
      {
        field: 'deals',
        operator: 'matches',
        match: { mode: 'some' },
        value: { combinator: 'and', rules: [{ field: 'owner', operator: '=', value: 'Dana Scully' }] },
      },
    ],
  };

  it('are placeholders in what is sent; catalog words and dates stay', () => {
    const { tree: sent, values } = hideValues(tree, fields);
    expect(JSON.stringify(sent)).not.toMatch(/ana@|bo@|Dana|40/);
    expect(sent.rules[0]).toEqual({ field: 'email', operator: 'in', value: ['<value 1>', '<value 2>'] });
    expect(sent.rules[1]).toEqual(tree.rules[1]);
    expect(sent.rules[3]).toEqual(tree.rules[3]);
    expect(values.size).toBe(4);
  });

  it('come back wherever the answer copies a placeholder', () => {
    const { tree: sent, values } = hideValues(tree, fields);
    expect(restoreValues(sent, values)).toEqual(tree);
  });
});
