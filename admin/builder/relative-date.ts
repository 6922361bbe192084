/**
 * Relative dates in words, written as the date math of docs/semantics.md §3. A phrase fixes both the operator and
 * the sign of the offset, so the builder offers the phrases next to the real operators of a date field:
 *
 *   in the last N units          >=  now-Nu
 *   more than N units ago         <   now-Nu
 *   in the next N units          <=  now+Nu
 *   more than N units from now    >   now+Nu
 *
 * Trees from elsewhere may pair the same offsets with the neighbouring operator (`>` now-60d); those
 * read as the same phrase, and keep their operator until the user picks a phrase.
 */
export const RELATIVE_PHRASES = ['last', 'ago', 'next', 'later'] as const;
export type RelativePhrase = (typeof RELATIVE_PHRASES)[number];
export const DATE_UNITS = ['h', 'd', 'w', 'M', 'y'] as const;
export type DateUnit = (typeof DATE_UNITS)[number];

export interface RelativeDate {
  phrase: RelativePhrase;
  amount: number;
  unit: DateUnit;
}

const WRITE: Record<RelativePhrase, { operator: string; sign: '-' | '+' }> = {
  last: { operator: '>=', sign: '-' },
  ago: { operator: '<', sign: '-' },
  next: { operator: '<=', sign: '+' },
  later: { operator: '>', sign: '+' },
};

const READ: Record<string, Record<'-' | '+', RelativePhrase>> = {
  '>=': { '-': 'last', '+': 'later' },
  '>': { '-': 'last', '+': 'later' },
  '<': { '-': 'ago', '+': 'next' },
  '<=': { '-': 'ago', '+': 'next' },
};

const DATE_MATH = /^now([+-])(\d{1,6})([hdwMy])$/;

/** The words for a comparison with date math (`>=` `now-60d` → in the last 60 days), or null. */
export function readRelative(operator: string, value: unknown): RelativeDate | null {
  const phrases = READ[operator];
  if (!phrases || typeof value !== 'string') return null;
  const math = DATE_MATH.exec(value.trim());
  if (!math) return null;
  return { phrase: phrases[math[1] as '-' | '+'], amount: Number(math[2]), unit: math[3] as DateUnit };
}

/** The operator and date-math value of a phrase. */
export function writeRelative({ phrase, amount, unit }: RelativeDate): { operator: string; value: string } {
  const { operator, sign } = WRITE[phrase];
  return { operator, value: `now${sign}${amount}${unit}` };
}

/** The operator-selector entry for a phrase; never a real operator name. */
export const phraseOperator = (phrase: RelativePhrase) => `relative:${phrase}`;
export const phraseOfOperator = (option: string): RelativePhrase | null => {
  const phrase = option.startsWith('relative:') ? option.slice('relative:'.length) : '';
  return (RELATIVE_PHRASES as readonly string[]).includes(phrase) ? (phrase as RelativePhrase) : null;
};

export const DEFAULT_RELATIVE: Omit<RelativeDate, 'phrase'> = { amount: 30, unit: 'd' };
