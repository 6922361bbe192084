/**
 * Date math in words, for the tree in words (shared/describe-tree.ts) and the builder
 * (admin/builder): one reading of the same grammar (parse.ts).
 *
 * An offset with a comparison is a phrase; the phrase fixes both the operator and the offset's sign:
 *
 *   in the last N units          >=  now-Nu
 *   more than N units ago         <   now-Nu
 *   in the next N units          <=  now+Nu
 *   more than N units from now    >   now+Nu
 *
 * Trees from elsewhere may pair the same offsets with the neighbouring operator (`>` now-60d); those
 * read as the same phrase. A rounded value reads as the start of its period ("the start of last
 * month"), and a calendar period (`PERIODS`: today, this month, last quarter, …) is the pair
 * `>= start` and `< next start` of one field in an `and` group: `between` is inclusive, so its high
 * bound would take in the next period's first instant (on a `date` attribute, its whole first day).
 */
import type { FilterGroup, FilterRule } from '../filter-tree';
import { formatDateMath, parseDateMath, type DateMath, type OffsetUnit, type RoundUnit } from './parse';

export const RELATIVE_PHRASES = ['last', 'ago', 'next', 'later'] as const;
export type RelativePhrase = (typeof RELATIVE_PHRASES)[number];

export interface RelativeDate {
  phrase: RelativePhrase;
  amount: number;
  unit: OffsetUnit;
}

const WRITE: Record<RelativePhrase, { operator: string; sign: 1 | -1 }> = {
  last: { operator: '>=', sign: -1 },
  ago: { operator: '<', sign: -1 },
  next: { operator: '<=', sign: 1 },
  later: { operator: '>', sign: 1 },
};

const READ: Record<string, Record<'-1' | '1', RelativePhrase>> = {
  '>=': { '-1': 'last', '1': 'later' },
  '>': { '-1': 'last', '1': 'later' },
  '<': { '-1': 'ago', '1': 'next' },
  '<=': { '-1': 'ago', '1': 'next' },
};

/** The phrase of a comparison with an offset that is not rounded (`>=` `now-60d` → in the last 60 days), or null. */
export function readRelative(operator: string, value: unknown): RelativeDate | null {
  const phrases = READ[operator];
  const math = phrases ? parseDateMath(value) : null;
  if (!math?.offset || math.round) return null;
  const { sign, amount, unit } = math.offset;
  return { phrase: phrases[String(sign) as '-1' | '1'], amount, unit };
}

/** The operator and date-math value of a phrase. */
export function writeRelative({ phrase, amount, unit }: RelativeDate): { operator: string; value: string } {
  const { operator, sign } = WRITE[phrase];
  return { operator, value: formatDateMath({ offset: { sign, amount, unit } }) };
}

const UNIT_WORDS: Record<OffsetUnit | RoundUnit, [string, string]> = {
  h: ['hour', 'hours'],
  d: ['day', 'days'],
  w: ['week', 'weeks'],
  M: ['month', 'months'],
  Q: ['quarter', 'quarters'],
  y: ['year', 'years'],
};

const span = (amount: number, unit: OffsetUnit) => `${amount} ${UNIT_WORDS[unit][amount === 1 ? 0 : 1]}`;

/** The phrase in words: "in the last 3 days", "more than 2 weeks ago". */
export function relativeWords({ phrase, amount, unit }: RelativeDate): string {
  const n = span(amount, unit);
  return { last: `in the last ${n}`, ago: `more than ${n} ago`, next: `in the next ${n}`, later: `more than ${n} from now` }[phrase];
}

/** "the start of this month", "the start of last quarter", "the start of the week 10 days ago". */
function periodStartWords(round: RoundUnit, offset: DateMath['offset']): string {
  const period = UNIT_WORDS[round][0];
  if (!offset || offset.amount === 0) return round === 'd' ? 'the start of today' : `the start of this ${period}`;
  const steps = offset.unit === round ? offset.amount : round === 'Q' && offset.unit === 'M' && offset.amount === 3 ? 1 : 0;
  if (steps === 1) {
    if (round === 'd') return offset.sign < 0 ? 'the start of yesterday' : 'the start of tomorrow';
    return `the start of ${offset.sign < 0 ? 'last' : 'next'} ${period}`;
  }
  return `the start of the ${period} ${offsetWords(offset)}`;
}

function offsetWords({ sign, amount, unit }: NonNullable<DateMath['offset']>): string {
  return sign < 0 ? `${span(amount, unit)} ago` : `in ${span(amount, unit)}`;
}

/** A date-math value in words ("now", "90 days ago", "in 2 weeks", "the start of last month"), or null for anything else. */
export function dateMathWords(value: unknown): string | null {
  const math = parseDateMath(value);
  if (!math) return null;
  if (math.round) return periodStartWords(math.round, math.offset);
  return math.offset ? offsetWords(math.offset) : 'now';
}

/** A comparison with a rounded value in words ("since the start of this month"), or null. */
export function periodComparisonWords(operator: string, value: unknown): string | null {
  const math = parseDateMath(value);
  const words = math?.round ? periodStartWords(math.round, math.offset) : null;
  const comparison = { '>=': 'since', '>': 'after', '<': 'before', '<=': 'on or before' }[operator];
  return words && comparison ? `${comparison} ${words}` : null;
}

/** Calendar periods the builder offers, each `>= start` and `< end`, with their words. */
export const PERIODS = {
  today: { start: 'now/d', end: 'now+1d/d', words: 'today' },
  thisWeek: { start: 'now/w', end: 'now+1w/w', words: 'this week' },
  thisMonth: { start: 'now/M', end: 'now+1M/M', words: 'this month' },
  thisQuarter: { start: 'now/Q', end: 'now+3M/Q', words: 'this quarter' },
  thisYear: { start: 'now/y', end: 'now+1y/y', words: 'this year' },
  lastMonth: { start: 'now-1M/M', end: 'now/M', words: 'last month' },
  lastQuarter: { start: 'now-3M/Q', end: 'now/Q', words: 'last quarter' },
  lastYear: { start: 'now-1y/y', end: 'now/y', words: 'last year' },
} as const satisfies Record<string, { start: string; end: string; words: string }>;
export type Period = keyof typeof PERIODS;
export const PERIOD_NAMES = Object.keys(PERIODS) as Period[];

/** The two rules of a period on a field. */
export function periodRules(field: string, period: Period): [FilterRule, FilterRule] {
  const { start, end } = PERIODS[period];
  return [
    { field, operator: '>=', value: start },
    { field, operator: '<', value: end },
  ];
}

/** The period a group stands for (an `and` of exactly its two rules, not negated), or null. */
export function readPeriod(group: FilterGroup): { field: string; period: Period } | null {
  if (group.not || group.combinator !== 'and' || !Array.isArray(group.rules) || group.rules.length !== 2) return null;
  const [low, high] = group.rules as FilterRule[];
  if (!low || !high || 'rules' in low || 'rules' in high || low.field !== high.field || low.match || high.match) return null;
  if (low.operator !== '>=' || high.operator !== '<') return null;
  const period = PERIOD_NAMES.find((p) => PERIODS[p].start === low.value && PERIODS[p].end === high.value);
  return period ? { field: low.field, period } : null;
}
