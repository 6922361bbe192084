/** axe-core over a builder holding every kind of control and value editor. */
import axe from 'axe-core';
import { screen } from '@testing-library/react';
import type { FilterGroup } from '../../shared/filter-tree';
import { renderBuilder } from './test/harness';

const EVERYTHING: FilterGroup = {
  combinator: 'and',
  rules: [
    { field: 'email', operator: 'contains', value: 'acme' },
    { field: 'lifecycleStage', operator: '=', value: 'lead' },
    { field: 'lifecycleStage', operator: 'notIn', value: ['customer'] },
    { field: 'leadScore', operator: 'between', value: [1, 'x'] },
    { field: 'company.country', operator: 'in', value: ['France'] },
    { field: 'unsubscribed', operator: '=', value: false },
    { field: 'createdAt', operator: '>=', value: 'now-60d' },
    { field: 'createdAt', operator: '<', value: '2026-01-01' },
    { field: 'company', operator: 'in', value: ['co-acme'] },
    { field: 'email.opened', operator: 'all', value: { last: 3 } },
    { field: 'email.opened', operator: 'any', value: { campaigns: ['ca-spring'] } },
    { field: 'segment', operator: 'notIn', value: ['seg-vip'] },
    { field: 'email', operator: 'null' },
    {
      combinator: 'or',
      not: true,
      rules: [
        {
          field: 'deals',
          operator: 'matches',
          match: { mode: 'exactly', threshold: 2 },
          value: {
            combinator: 'and',
            rules: [
              { field: 'stage', operator: '=', value: 'proposal' },
              { combinator: 'or', rules: [] },
            ],
          },
        },
      ],
    },
  ],
};

it('has no axe violations with every control and editor on screen, issues included', async () => {
  const { container } = renderBuilder(EVERYTHING, {
    issues: [{ path: 'rules[3].value[1]', message: 'Lead score takes a number, not "x"' }],
  });
  await screen.findByText('Acme');
  const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
  const violations = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(violations).toEqual([]);
  expect(results.passes.length).toBeGreaterThan(10);
});
