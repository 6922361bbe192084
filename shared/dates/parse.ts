/**
 * The one grammar of date values in the filter tree (docs/semantics.md#dates): ISO-8601 dates and datetimes, or date
 * math: `now`, an offset `now±N{h,d,w,M,y}`, then optionally a rounding `/{d,w,M,Q,y}` to the start
 * of that period, applied after the offset (`now-1M/M`: the first instant of last month).
 *
 * One offset and one rounding, in that order, as docs/semantics.md#dates writes them: no chains (`now/M+1d`). A period
 * that ends where the next one starts is read with `<` on the next start, so a chain is never needed
 * for an exact range (docs/semantics.md#dates).
 */
export const OFFSET_UNITS = ['h', 'd', 'w', 'M', 'y'] as const;
export const ROUND_UNITS = ['d', 'w', 'M', 'Q', 'y'] as const;
export type OffsetUnit = (typeof OFFSET_UNITS)[number];
export type RoundUnit = (typeof ROUND_UNITS)[number];

export interface DateOffset {
  sign: 1 | -1;
  amount: number;
  unit: OffsetUnit;
}

export interface DateMath {
  kind: 'math';
  /** None for `now` alone (`now+0d` has one: it is written as typed). */
  offset?: DateOffset;
  round?: RoundUnit;
}

export type ParsedDate = { kind: 'date'; year: number; month: number; day: number } | { kind: 'instant'; date: Date } | DateMath;

/** What the validator says a date value may be. */
export const DATE_FORMS = 'an ISO-8601 date or date math (now, now-60d, now+2w, now/M, now-1M/M; offsets h d w M y, rounding d w M Q y)';

const DATE_MATH = /^now(?:([+-])(\d{1,6})([hdwMy]))?(?:\/([dwMQy]))?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

export const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, monthIndex: number): number {
  return monthIndex === 1 && isLeap(year) ? 29 : MONTH_DAYS[monthIndex];
}

function validCalendarDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month - 1);
}

/** Date math, or null. */
export function parseDateMath(value: unknown): DateMath | null {
  if (typeof value !== 'string') return null;
  const math = DATE_MATH.exec(value.trim());
  if (!math) return null;
  return {
    kind: 'math',
    ...(math[1] ? { offset: { sign: math[1] === '-' ? -1 : 1, amount: Number(math[2]), unit: math[3] as OffsetUnit } } : {}),
    ...(math[4] ? { round: math[4] as RoundUnit } : {}),
  };
}

/** Parses a date value, or returns null when it is neither ISO-8601 nor date math. */
export function parseDateValue(value: unknown): ParsedDate | null {
  if (typeof value !== 'string') return null;
  const math = parseDateMath(value);
  if (math) return math;
  const text = value.trim();
  const day = ISO_DATE.exec(text);
  if (day) {
    const [year, month, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    return validCalendarDay(year, month, d) ? { kind: 'date', year, month, day: d } : null;
  }
  const dt = ISO_DATETIME.exec(text);
  if (dt) {
    const [year, month, d] = [Number(dt[1]), Number(dt[2]), Number(dt[3])];
    if (!validCalendarDay(year, month, d) || Number(dt[4]) > 23 || Number(dt[5]) > 59) return null;
    // A datetime without an offset is read as UTC, like every other absolute date in the engine.
    const date = new Date(dt[8] ? text.replace(' ', 'T') : `${text.replace(' ', 'T')}Z`);
    return Number.isNaN(date.getTime()) ? null : { kind: 'instant', date };
  }
  return null;
}

/** Date math written back as text: the inverse of `parseDateMath`. */
export function formatDateMath({ offset, round }: Omit<DateMath, 'kind'>): string {
  const shift = offset ? `${offset.sign < 0 ? '-' : '+'}${offset.amount}${offset.unit}` : '';
  return `now${shift}${round ? `/${round}` : ''}`;
}

/**
 * Why a value that starts like date math is not date math, in words, or undefined (an ISO value, or
 * something else entirely, which the caller describes).
 */
export function dateMathProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^now/i.test(value.trim()) || parseDateMath(value)) return undefined;
  const text = value.trim();
  const slash = text.indexOf('/');
  const [offset, round] = slash < 0 ? [text, undefined] : [text.slice(0, slash), text.slice(slash + 1)];
  if (!/^now/.test(offset)) return `date math starts with "now" in lower case`;
  const amount = /^now([+-])(\d+)(.*)$/.exec(offset);
  if (offset !== 'now') {
    if (!amount) return `"${offset}" is not an offset: write now-60d or now+2w (a sign, a whole number, a unit)`;
    if (amount[2].length > 6) return `an offset has at most 6 digits`;
    if (!(OFFSET_UNITS as readonly string[]).includes(amount[3])) {
      return `"${amount[3]}" is not an offset unit: use h (hours), d (days), w (weeks), M (months) or y (years)`;
    }
  }
  if (round !== undefined && !(ROUND_UNITS as readonly string[]).includes(round)) {
    return `"/${round}" is not a rounding: round to the start of a d (day), w (week), M (month), Q (quarter) or y (year), e.g. now/M`;
  }
  return `write date math as now, an offset (now-60d) and a rounding (/M), in that order`;
}
