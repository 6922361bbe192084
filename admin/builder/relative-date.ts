/**
 * The builder's relative dates: the phrases of shared/dates/phrase.ts ("in the last N units", …) and
 * its calendar periods ("this month", "last quarter"), offered in the operator list as entries that
 * are never real operator names. A period is written as a group of two rules on the field, `>=` its
 * start and `<` the next period's start (exact; `between` would take in the next period's first
 * instant), which the tree in words reads back as "created last quarter".
 */
import { OFFSET_UNITS } from '../../shared/dates/parse';
import { PERIOD_NAMES, RELATIVE_PHRASES, type Period, type RelativeDate, type RelativePhrase } from '../../shared/dates/phrase';

export { readRelative, writeRelative, RELATIVE_PHRASES } from '../../shared/dates/phrase';
export type { RelativeDate, RelativePhrase } from '../../shared/dates/phrase';
export const DATE_UNITS = OFFSET_UNITS;
export type DateUnit = (typeof DATE_UNITS)[number];

/** The operator-selector entry for a phrase; never a real operator name. */
export const phraseOperator = (phrase: RelativePhrase) => `relative:${phrase}`;
export const phraseOfOperator = (option: string): RelativePhrase | null => {
  const phrase = option.startsWith('relative:') ? option.slice('relative:'.length) : '';
  return (RELATIVE_PHRASES as readonly string[]).includes(phrase) ? (phrase as RelativePhrase) : null;
};

/** The operator-selector entry for a calendar period ("this month"); picking it writes the period's pair of rules. */
export const periodOperator = (period: Period) => `period:${period}`;
export const periodOfOperator = (option: string): Period | null => {
  const period = option.startsWith('period:') ? option.slice('period:'.length) : '';
  return (PERIOD_NAMES as string[]).includes(period) ? (period as Period) : null;
};

export const DEFAULT_RELATIVE: Omit<RelativeDate, 'phrase'> = { amount: 30, unit: 'd' };
