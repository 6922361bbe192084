import type { Catalog } from '../../shared/catalog';
import type { FilterGroup } from '../../shared/filter-tree';
import catalogJson from '../../tests/fixtures/playground-catalog.json';
import { normaliseTree } from './normalise';

const fields = (catalogJson as Catalog).fields;

describe('the normaliser', () => {
  it('fixes spelling whose meaning is not in doubt', () => {
    const slipped = {
      combinator: 'AND',
      rules: [
        { field: 'Lifecycle stage', operator: '==', value: 'Customer' },
        { field: 'leadscore', operator: 'gte', value: '50' },
        { field: 'leadScore', operator: 'between', value: ['10', 20] },
        { field: 'unsubscribed', operator: '=', value: 'false' },
        { field: 'email.opened', operator: 'ALL', value: { last: '3' } },
        { field: 'email.clicked', operator: 'any', value: { campaigns: 'Spring Sale' } },
        { field: 'segment', operator: 'not in', value: 'VIP customers' },
        { field: 'company.country', operator: 'in', value: 'Germany' },
        { field: 'phone', operator: 'is_empty', value: '' },
        {
          field: 'deals',
          match: { mode: 'at_least', threshold: '2' },
          value: { combinator: 'Or', rules: [{ field: 'stage', operator: 'eq', value: 'Closed won' }] },
        },
        { field: 'activities', operator: 'matches', match: { mode: 'any' }, value: { combinator: 'and', rules: [] } },
      ],
    } as unknown as FilterGroup;
    expect(normaliseTree(slipped, fields)).toEqual({
      combinator: 'and',
      rules: [
        { field: 'lifecycleStage', operator: '=', value: 'customer' },
        { field: 'leadScore', operator: '>=', value: 50 },
        { field: 'leadScore', operator: 'between', value: [10, 20] },
        { field: 'unsubscribed', operator: '=', value: false },
        { field: 'email.opened', operator: 'all', value: { last: 3 } },
        { field: 'email.clicked', operator: 'any', value: { campaigns: ['Spring Sale'] } },
        { field: 'segment', operator: 'notIn', value: ['VIP customers'] },
        { field: 'company.country', operator: 'in', value: ['Germany'] },
        { field: 'phone', operator: 'null' },
        {
          field: 'deals',
          operator: 'matches',
          match: { mode: 'atLeast', threshold: 2 },
          value: { combinator: 'or', rules: [{ field: 'stage', operator: '=', value: 'closed_won' }] },
        },
        { field: 'activities', operator: 'matches', match: { mode: 'some' }, value: { combinator: 'and', rules: [] } },
      ],
    });
  });

  it('leaves what it cannot read for the validator', () => {
    const odd = {
      combinator: 'and',
      rules: [{ field: 'shoeSize', operator: '>', value: '42' }, { field: 'leadScore', operator: 'roughly', value: 'lots' }, null],
    } as unknown as FilterGroup;
    expect(normaliseTree(odd, fields)).toEqual(odd);
  });
});
