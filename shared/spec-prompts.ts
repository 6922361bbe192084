/**
 * The product page's five audiences in plain words, with the trees that answer them: the demo's
 * example segments and the bench's p1-p5 (`bench/segments/trees.ts`). One copy, so the demo shows
 * and the bench times the very trees `tests/engine.spec-prompts.test.ts` checks contact by contact.
 */
import type { FilterGroup, FilterRule } from './filter-tree';

export type SpecPromptId = 'p1' | 'p2' | 'p3' | 'p4' | 'p5';

export interface SpecPrompt {
  id: SpecPromptId;
  prompt: string;
  filters: FilterGroup;
}

const and = (...rules: Array<FilterRule | FilterGroup>): FilterGroup => ({ combinator: 'and', rules });
const rule = (field: string, operator: string, value?: unknown): FilterRule => ({ field, operator, value });
const none = (field: string, sub: FilterGroup): FilterRule => ({ field, operator: 'matches', match: { mode: 'none' }, value: sub });

export const SPEC_PROMPTS: SpecPrompt[] = [
  {
    id: 'p1',
    prompt: "Contacts who haven't been contacted in 60 days",
    filters: and(none('activities', and(rule('occurredAt', '>=', 'now-60d')))),
  },
  {
    id: 'p2',
    prompt: 'Leads in the healthcare industry with no deal',
    filters: and(rule('lifecycleStage', '=', 'lead'), rule('company.industry', '=', 'healthcare'), none('deals', and())),
  },
  {
    id: 'p3',
    prompt: "Customers who clicked our last campaign but didn't buy",
    filters: and(
      rule('lifecycleStage', '=', 'customer'),
      rule('email.clicked', 'any', { last: 1 }),
      none('deals', and(rule('stage', '=', 'closed_won'), rule('closeDate', '>=', 'now-30d'))),
    ),
  },
  {
    id: 'p4',
    prompt: 'Companies with more than 100 employees in France',
    filters: and(rule('company.employees', '>', 100), rule('company.country', '=', 'France')),
  },
  {
    id: 'p5',
    prompt: 'Enterprise accounts in Germany that opened our last 3 campaigns but have no deal created in the last 90 days',
    filters: and(
      rule('company.tier', '=', 'enterprise'),
      rule('company.country', '=', 'Germany'),
      rule('email.opened', 'all', { last: 3 }),
      none('deals', and(rule('createdAt', '>=', 'now-90d'))),
    ),
  },
];

/** One prompt's tree, by id. */
export const specTree = (id: SpecPromptId): FilterGroup => SPEC_PROMPTS.find((p) => p.id === id)!.filters;
