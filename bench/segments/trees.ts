/**
 * The trees the bench measures, in the filter tree syntax of docs/semantics.md (the JSON the API accepts): the
 * five example prompts (playground/scripts/spec-prompts.ts), then shapes that stress other parts of the engine. Each has a short id (for --trees)
 * and a title. Two depend on the seeded data and are built at run time: the segment chain needs
 * the saved segments' documentIds, the wide `in` needs emails that exist.
 */
import type { FilterGroup, FilterRule, MatchMode } from '../../shared/filter-tree';
import { specTree } from '../../playground/scripts/spec-prompts';

export interface TreeContext {
  /** documentId of C in the chain A ← B ← C (see CHAIN) */
  chainTip: string;
  /** 50 contact emails present in the data, some re-cased (comparisons are case-insensitive) */
  emails: string[];
  /** documentIds of the 3 segments of the LATTICE's top level */
  latticeTop: string[];
  /** ids of the last 5 campaigns sent, newest first: the hand SQL names "the last N" by id, as an expert would */
  lastCampaigns: number[];
}

export interface BenchTree {
  id: string;
  title: string;
  build: (ctx: TreeContext) => FilterGroup;
}

const and = (...rules: (FilterRule | FilterGroup)[]): FilterGroup => ({ combinator: 'and', rules });
const or = (...rules: (FilterRule | FilterGroup)[]): FilterGroup => ({ combinator: 'or', rules });
const rule = (field: string, operator: string, value?: unknown): FilterRule => ({ field, operator, value });
const toMany = (field: string, mode: MatchMode, sub: FilterGroup, threshold?: number): FilterRule => ({
  field,
  operator: 'matches',
  match: threshold === undefined ? { mode } : { mode, threshold },
  value: sub,
});

/** The chain's saved segments, each built on the one before through the `segment` field. */
export const CHAIN = {
  a: {
    name: 'Bench chain A: open pipeline, subscribed',
    filters: () => and(rule('lifecycleStage', 'in', ['lead', 'mql', 'sql', 'opportunity']), rule('unsubscribed', '!=', true)),
  },
  b: {
    name: 'Bench chain B: A with a lead score of 40+',
    filters: (a: string) => and(rule('segment', 'in', [a]), rule('leadScore', '>=', 40)),
  },
  c: {
    name: 'Bench chain C: B active in the last 6 months',
    filters: (b: string) => and(rule('segment', 'in', [b]), toMany('activities', 'some', and(rule('occurredAt', '>=', 'now-6M')))),
  },
};

/**
 * Saved segments as a lattice, 3 a level, 10 levels: segment (L, i) is "in any of the 3 segments of
 * level L − 1, or lead score ≥ threshold(L, i)". The top level is reached along 3^9 paths, and a
 * database that plans each reference to a shared segment apart grows as 3^levels.
 */
export const LATTICE = {
  levels: 10,
  width: 3,
  threshold: (level: number, i: number) => 95 - 9 * level + 3 * i,
  name: (level: number, i: number) => `Bench lattice ${level}.${i}`,
  filters: (level: number, i: number, below: string[]) => {
    const own = rule('leadScore', '>=', LATTICE.threshold(level, i));
    return level === 0 ? or(own) : or(rule('segment', 'in', below), own);
  },
};

export const TREES: BenchTree[] = [
  { id: 'p1', title: 'product page: not contacted in 60 days', build: () => specTree('p1') },
  { id: 'p2', title: 'product page: healthcare leads with no deal', build: () => specTree('p2') },
  { id: 'p3', title: "product page: clicked our last campaign but didn't buy", build: () => specTree('p3') },
  { id: 'p4', title: 'product page: companies over 100 employees in France', build: () => specTree('p4') },
  { id: 'p5', title: 'product page: German enterprise openers of the last 3, no deal in 90 days', build: () => specTree('p5') },
  {
    id: 'deep',
    title: 'nested AND/OR, 4 levels, with a NOT and a != on a to-one',
    build: () =>
      and(
        or(
          rule('lifecycleStage', 'in', ['mql', 'sql']),
          and(rule('leadScore', '>=', 60), rule('source', '=', 'referral')),
          and(
            rule('company.industry', 'in', ['technology', 'finance']),
            or(rule('company.employees', 'between', [200, 5000]), rule('company.tier', '=', 'enterprise')),
          ),
        ),
        { combinator: 'or', not: true, rules: [rule('unsubscribed', '=', true), rule('email', 'endsWith', '@gmail.com')] },
        rule('company.country', '!=', 'United States'),
        rule('createdAt', '>=', 'now-104w'),
      ),
  },
  {
    id: 'chain',
    title: 'segment of segment of segment (C ← B ← A)',
    build: (ctx) => and(rule('segment', 'in', [ctx.chainTip])),
  },
  {
    id: 'lattice10',
    title: 'in any of the top 3 of a 10-level lattice of 30 segments',
    build: (ctx) => and(rule('segment', 'in', ctx.latticeTop)),
  },
  {
    id: 'active3',
    title: 'at least 3 activities in the last 30 days',
    build: () => and(toMany('activities', 'atLeast', and(rule('occurredAt', '>=', 'now-30d')), 3)),
  },
  {
    id: 'in50',
    title: 'email in a list of 50',
    build: (ctx) => and(rule('email', 'in', ctx.emails)),
  },
  {
    id: 'notdeals',
    title: 'NOT (a won deal OR 2+ big open deals)',
    build: () => ({
      combinator: 'and',
      not: true,
      rules: [
        or(
          toMany('deals', 'some', and(rule('stage', '=', 'closed_won'))),
          toMany('deals', 'atLeast', and(rule('stage', 'notIn', ['closed_won', 'closed_lost']), rule('amount', '>', 10000)), 2),
        ),
      ],
    }),
  },
  {
    id: 'stale90',
    title: 'last activity more than 90 days ago',
    build: () => and(rule('lastActivityAt', '<', 'now-90d')),
  },
  {
    id: 'noopen5',
    title: 'opened none of the last 5 campaigns',
    build: () => and(rule('email.opened', 'none', { last: 5 })),
  },
];

export function selectTrees(ids: string[] | undefined): BenchTree[] {
  if (!ids) return TREES;
  const unknown = ids.filter((id) => !TREES.some((t) => t.id === id));
  if (unknown.length > 0) throw new Error(`unknown tree id(s) ${unknown.join(', ')}; known: ${TREES.map((t) => t.id).join(', ')}`);
  return TREES.filter((t) => ids.includes(t.id));
}
