/**
 * The builder's relative dates: the phrases of shared/dates/phrase.ts ("in the last N units", …),
 * offered in the operator list as entries that are never real operator names.
 */
import { OFFSET_UNITS } from '../../shared/dates/parse';
import { RELATIVE_PHRASES, type RelativeDate, type RelativePhrase } from '../../shared/dates/phrase';

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

export const DEFAULT_RELATIVE: Omit<RelativeDate, 'phrase'> = { amount: 30, unit: 'd' };
