/**
 * The tree in words, on the playground's real catalog (a copy of GET /segments/catalog that
 * tests/api.ai.test.ts checks against the live one): word for word on the trees of the five example
 * prompts (playground/scripts/spec-prompts.ts), and
 * every operator, match mode, relative date, engagement form and segment reference.
 */
import type { Catalog } from './catalog';
import { describeTree } from './describe-tree';
import type { FilterGroup, FilterRule } from './filter-tree';
import catalogJson from '../tests/fixtures/playground-catalog.json';

const catalog = catalogJson as Catalog;
const words = (tree: FilterGroup, names = {}) => describeTree(tree, catalog.fields, names);
const and = (...rules: Array<FilterRule | FilterGroup>): FilterGroup => ({ combinator: 'and', rules });
const or = (...rules: Array<FilterRule | FilterGroup>): FilterGroup => ({ combinator: 'or', rules });
const rule = (field: string, operator: string, value?: unknown, match?: FilterRule['match']): FilterRule => ({
  field,
  operator,
  ...(value === undefined ? {} : { value }),
  ...(match ? { match } : {}),
});
const one = (r: FilterRule) => words(and(r));

describe('the five prompts of the product page', () => {
  it('contacts who have not been contacted in 60 days', () => {
    expect(words(and(rule('activities', 'matches', and(rule('occurredAt', '>=', 'now-60d')), { mode: 'none' })))).toBe(
      'Has no activity occurred in the last 60 days',
    );
  });

  it('leads in the healthcare industry with no deal', () => {
    expect(
      words(
        and(
          rule('lifecycleStage', '=', 'lead'),
          rule('company.industry', '=', 'healthcare'),
          rule('deals', 'matches', and(), { mode: 'none' }),
        ),
      ),
    ).toBe('Lifecycle stage is Lead and company industry is Healthcare and has no deal');
  });

  it('customers who clicked our last campaign but did not buy', () => {
    const tree = and(
      rule('lifecycleStage', '=', 'customer'),
      rule('email.clicked', 'any', { last: 1 }),
      rule('deals', 'matches', and(rule('stage', '=', 'closed_won'), rule('closeDate', '>=', 'now-30d')), { mode: 'none' }),
    );
    expect(words(tree)).toBe(
      'Lifecycle stage is Customer and clicked the last campaign and has no deal where (stage is Closed won and close date is in the last 30 days)',
    );
  });

  it('companies with more than 100 employees in France', () => {
    expect(words(and(rule('company.employees', '>', 100), rule('company.country', '=', 'France')))).toBe(
      'Company employees is greater than 100 and company country is France',
    );
  });

  it('enterprise accounts in Germany that opened our last 3 campaigns but have no recent deal', () => {
    const tree = and(
      rule('company.tier', '=', 'enterprise'),
      rule('company.country', '=', 'Germany'),
      rule('email.opened', 'all', { last: 3 }),
      rule('deals', 'matches', and(rule('createdAt', '>=', 'now-90d')), { mode: 'none' }),
    );
    expect(words(tree)).toBe(
      'Company tier is Enterprise and company country is Germany and opened all of the last 3 campaigns and has no deal created in the last 90 days',
    );
  });
});

describe('every operator', () => {
  it.each<[FilterRule, string]>([
    [rule('email', '=', 'ana@example.com'), 'Email is ana@example.com'],
    [rule('email', '!=', 'ana@example.com'), 'Email is not ana@example.com'],
    [rule('email', 'contains', '@gmail'), 'Email contains "@gmail"'],
    [rule('email', 'doesNotContain', '@gmail'), 'Email does not contain "@gmail"'],
    [rule('firstName', 'beginsWith', 'An'), 'First name begins with "An"'],
    [rule('firstName', 'doesNotBeginWith', 'An'), 'First name does not begin with "An"'],
    [rule('email', 'endsWith', '.de'), 'Email ends with ".de"'],
    [rule('email', 'doesNotEndWith', '.de'), 'Email does not end with ".de"'],
    [rule('lifecycleStage', 'in', ['lead', 'mql', 'sql']), 'Lifecycle stage is Lead, MQL or SQL'],
    [rule('lifecycleStage', 'in', ['lead']), 'Lifecycle stage is Lead'],
    [rule('source', 'notIn', ['paid', 'import']), 'Source is none of Paid or Import'],
    [rule('source', 'notIn', ['paid']), 'Source is not Paid'],
    [rule('phone', 'null'), 'Phone is empty'],
    [rule('phone', 'notNull'), 'Phone is not empty'],
    [rule('leadScore', '<', 10), 'Lead score is less than 10'],
    [rule('leadScore', '<=', 10), 'Lead score is at most 10'],
    [rule('leadScore', '>', '50'), 'Lead score is greater than 50'],
    [rule('leadScore', '>=', 50), 'Lead score is at least 50'],
    [rule('leadScore', 'between', [10, 20]), 'Lead score is between 10 and 20'],
    [rule('leadScore', 'notBetween', [10, 20]), 'Lead score is not between 10 and 20'],
    [rule('leadScore', 'in', [1, 2, 3]), 'Lead score is 1, 2 or 3'],
    [rule('unsubscribed', '=', true), 'Unsubscribed is true'],
    [rule('unsubscribed', '!=', true), 'Unsubscribed is not true'],
    [rule('unsubscribed', 'null'), 'Unsubscribed is empty'],
    [rule('company', '=', 'co1'), 'Company is co1'],
    [rule('company', 'in', ['co1', 'co2']), 'Company is co1 or co2'],
    [rule('company', 'notNull'), 'Company is not empty'],
  ])('%j', (r, expected) => {
    expect(one(r)).toBe(expected);
  });

  it('names related records when their names are given', () => {
    expect(words(and(rule('company', '!=', 'co1')), { records: { co1: 'Acme GmbH' } })).toBe('Company is not Acme GmbH');
  });
});

describe('dates', () => {
  it.each<[FilterRule, string]>([
    [rule('createdAt', '>=', 'now-90d'), 'Created in the last 90 days'],
    [rule('createdAt', '>', 'now-1d'), 'Created in the last 1 day'],
    [rule('createdAt', '<', 'now-60d'), 'Created more than 60 days ago'],
    [rule('createdAt', '<=', 'now-3M'), 'Created more than 3 months ago'],
    [rule('createdAt', '<=', 'now+2w'), 'Created in the next 2 weeks'],
    [rule('createdAt', '>', 'now+1y'), 'Created more than 1 year from now'],
    [rule('createdAt', '>=', 'now-12h'), 'Created in the last 12 hours'],
    [rule('createdAt', '<', 'now'), 'Created before now'],
    [rule('createdAt', '>=', '2026-01-01'), 'Created on or after 2026-01-01'],
    [rule('createdAt', '<=', '2026-01-01'), 'Created on or before 2026-01-01'],
    [rule('createdAt', '>', '2026-01-01'), 'Created after 2026-01-01'],
    [rule('createdAt', '=', '2026-01-01'), 'Created on 2026-01-01'],
    [rule('createdAt', '!=', '2026-01-01'), 'Created not on 2026-01-01'],
    [rule('createdAt', 'between', ['now-30d', 'now']), 'Created between 30 days ago and now'],
    [rule('createdAt', 'notBetween', ['2026-01-01', 'now+2w']), 'Created not between 2026-01-01 and in 2 weeks'],
    [rule('createdAt', 'null'), 'Created at is empty'],
    [rule('lastActivityAt', '<', 'now-60d'), 'Last activity is more than 60 days ago'],
    [rule('lastActivityAt', 'notNull'), 'Last activity is not empty'],
  ])('%j', (r, expected) => {
    expect(one(r)).toBe(expected);
  });
});

describe('to-many match modes', () => {
  const won = and(rule('stage', '=', 'closed_won'));
  it.each<[FilterRule, string]>([
    [rule('deals', 'matches', won, { mode: 'some' }), 'Has a deal where stage is Closed won'],
    [rule('deals', 'matches', and(), { mode: 'some' }), 'Has a deal'],
    [rule('deals', 'matches', won, { mode: 'none' }), 'Has no deal where stage is Closed won'],
    [rule('deals', 'matches', won, { mode: 'all' }), 'Has only deals where stage is Closed won (or no deal)'],
    [rule('deals', 'matches', won, { mode: 'atLeast', threshold: 2 }), 'Has at least 2 deals where stage is Closed won'],
    [rule('deals', 'matches', and(), { mode: 'atLeast', threshold: 1 }), 'Has at least 1 deal'],
    [rule('deals', 'matches', won, { mode: 'atMost', threshold: 3 }), 'Has at most 3 deals where stage is Closed won'],
    [rule('deals', 'matches', won, { mode: 'exactly', threshold: 0 }), 'Has exactly 0 deals where stage is Closed won'],
    [rule('tags', 'matches', and(rule('name', '=', 'VIP')), { mode: 'some' }), 'Has a tag where name is VIP'],
    [
      rule('emailEvents', 'matches', and(rule('type', '=', 'bounced'), rule('campaign', '=', 'ca1')), { mode: 'atLeast', threshold: 1 }),
      'Has at least 1 email event where (type is Bounced and campaign is Spring sale)',
    ],
    [
      rule(
        'deals',
        'matches',
        or(rule('amount', '>', 10000), and(rule('stage', '=', 'proposal'), rule('owner', 'endsWith', '@acme.com'))),
        { mode: 'some' },
      ),
      'Has a deal where (amount is greater than 10000 or (stage is Proposal and owner ends with "@acme.com"))',
    ],
  ])('%j', (r, expected) => {
    expect(words(and(r), { records: { ca1: 'Spring sale' } })).toBe(expected);
  });
});

describe('engagement', () => {
  const names = { campaigns: { ca1: 'Spring sale', ca2: 'Summer news', ca3: 'Autumn' } };
  it.each<[FilterRule, string]>([
    [rule('email.opened', 'any', { last: 3 }), 'Opened any of the last 3 campaigns'],
    [rule('email.opened', 'all', { last: 3 }), 'Opened all of the last 3 campaigns'],
    [rule('email.opened', 'none', { last: 3 }), 'Has not opened any of the last 3 campaigns'],
    [rule('email.clicked', 'any', { last: 1 }), 'Clicked the last campaign'],
    [rule('email.clicked', 'all', { last: 1 }), 'Clicked the last campaign'],
    [rule('email.clicked', 'none', { last: 1 }), 'Has not clicked the last campaign'],
    [rule('email.opened', 'any', { campaigns: ['ca1', 'ca2'] }), 'Opened any of the campaigns Spring sale or Summer news'],
    [rule('email.opened', 'all', { campaigns: ['ca1', 'ca2', 'ca3'] }), 'Opened all of the campaigns Spring sale, Summer news and Autumn'],
    [rule('email.clicked', 'none', { campaigns: ['ca1', 'ca2'] }), 'Has not clicked any of the campaigns Spring sale or Summer news'],
    [rule('email.clicked', 'any', { campaigns: ['ca1'] }), 'Clicked the campaign Spring sale'],
    [rule('email.opened', 'any', { campaigns: ['unknown-id'] }), 'Opened the campaign unknown-id'],
  ])('%j', (r, expected) => {
    expect(words(and(r), names)).toBe(expected);
  });
});

describe('segment references', () => {
  const names = { segments: { s1: 'VIP customers', s2: 'Old leads' } };
  it.each<[FilterRule, string]>([
    [rule('segment', 'in', ['s1']), 'Is in the segment VIP customers'],
    [rule('segment', 'in', ['s1', 's2']), 'Is in one of the segments VIP customers or Old leads'],
    [rule('segment', 'notIn', ['s1']), 'Is not in the segment VIP customers'],
    [rule('segment', 'notIn', ['s1', 's2']), 'Is in none of the segments VIP customers or Old leads'],
    [rule('segment', 'in', ['s9']), 'Is in the segment s9'],
  ])('%j', (r, expected) => {
    expect(words(and(r), names)).toBe(expected);
  });
});

describe('groups', () => {
  it('brackets nested groups and says NOT', () => {
    const tree = and(
      rule('lifecycleStage', '=', 'lead'),
      or(rule('company.country', '=', 'France'), rule('company.country', '=', 'Germany')),
      { combinator: 'and', not: true, rules: [rule('unsubscribed', '=', true)] },
    );
    expect(words(tree)).toBe(
      'Lifecycle stage is Lead and (company country is France or company country is Germany) and not (unsubscribed is true)',
    );
  });

  it('reads an empty tree as every contact and a NOT root as a negation', () => {
    expect(words(and())).toBe('Every contact');
    expect(words({ combinator: 'or', not: true, rules: [rule('leadScore', '>', 5), rule('phone', 'null')] })).toBe(
      'Not (lead score is greater than 5 or phone is empty)',
    );
  });

  it('does not bracket a nested group of one rule', () => {
    expect(words(or(rule('leadScore', '>', 5), and(rule('phone', 'null'))))).toBe('Lead score is greater than 5 or phone is empty');
  });

  it('never throws on a half-built tree', () => {
    expect(words({ combinator: 'and', rules: [null, 5, rule('leadScore', '>', 5)] } as unknown as FilterGroup)).toBe(
      '(an unreadable condition) and (an unreadable condition) and lead score is greater than 5',
    );
  });

  it('still renders a field it does not know, by its name', () => {
    expect(words(and(rule('shoeSize', '=', 42)))).toBe('ShoeSize is 42');
  });
});
