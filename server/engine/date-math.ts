/**
 * Date values of the filter tree: ISO-8601 dates/datetimes or date math (`now`, `now-60d`, `now+2w`,
 * units h d w M y). Evaluated at query time in UTC; months and years are calendar units with the day
 * clamped (Mar 31 minus 1M is Feb 28/29).
 */
const DATE_MATH = /^now(?:([+-])(\d{1,6})([hdwMy]))?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

export type ParsedDate =
  | { kind: 'date'; year: number; month: number; day: number }
  | { kind: 'instant'; date: Date }
  | { kind: 'math'; sign: 1 | -1; amount: number; unit: 'h' | 'd' | 'w' | 'M' | 'y' };

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, monthIndex: number): number {
  return monthIndex === 1 && isLeap(year) ? 29 : MONTH_DAYS[monthIndex];
}

/** Date.UTC without its quirk of reading years 0–99 as 1900–1999. */
function utc(year: number, monthIndex: number, day: number, h = 0, m = 0, s = 0, ms = 0): Date {
  const date = new Date(Date.UTC(2000, monthIndex, day, h, m, s, ms));
  date.setUTCFullYear(year, monthIndex, day);
  return date;
}

function validCalendarDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month - 1);
}

/** Parses a date value, or returns null when it is neither ISO-8601 nor date math. */
export function parseDateValue(value: unknown): ParsedDate | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const math = DATE_MATH.exec(text);
  if (math) {
    if (!math[1]) return { kind: 'math', sign: 1, amount: 0, unit: 'd' };
    return {
      kind: 'math',
      sign: math[1] === '-' ? -1 : 1,
      amount: Number(math[2]),
      unit: math[3] as 'h' | 'd' | 'w' | 'M' | 'y',
    };
  }
  const day = ISO_DATE.exec(text);
  if (day) {
    const [year, month, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    return validCalendarDay(year, month, d) ? { kind: 'date', year, month, day: d } : null;
  }
  const dt = ISO_DATETIME.exec(text);
  if (dt) {
    const [year, month, d] = [Number(dt[1]), Number(dt[2]), Number(dt[3])];
    if (!validCalendarDay(year, month, d) || Number(dt[4]) > 23 || Number(dt[5]) > 59) return null;
    // A datetime without an offset is read as UTC, like every other date in the engine.
    const date = new Date(dt[8] ? text.replace(' ', 'T') : `${text.replace(' ', 'T')}Z`);
    return Number.isNaN(date.getTime()) ? null : { kind: 'instant', date };
  }
  return null;
}

/** Adds calendar months in UTC, clamping the day to the target month's length. */
export function addMonthsUTC(date: Date, months: number): Date {
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const day = Math.min(date.getUTCDate(), daysInMonth(year, month));
  return utc(year, month, day, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds());
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The instant a parsed value stands for, with `now` fixed by the caller (the query's time). */
export function resolveInstant(parsed: ParsedDate, now: Date): Date {
  switch (parsed.kind) {
    case 'instant':
      return parsed.date;
    case 'date':
      return utc(parsed.year, parsed.month - 1, parsed.day);
    case 'math': {
      const n = parsed.sign * parsed.amount;
      switch (parsed.unit) {
        case 'h':
          return new Date(now.getTime() + n * HOUR);
        case 'd':
          return new Date(now.getTime() + n * DAY);
        case 'w':
          return new Date(now.getTime() + 7 * n * DAY);
        case 'M':
          return addMonthsUTC(now, n);
        case 'y':
          return addMonthsUTC(now, 12 * n);
      }
    }
  }
}

/** The UTC calendar day (`YYYY-MM-DD`) a value stands for, for comparisons on `date` attributes. */
export function resolveCalendarDay(parsed: ParsedDate, now: Date): string {
  if (parsed.kind === 'date') {
    return `${String(parsed.year).padStart(4, '0')}-${String(parsed.month).padStart(2, '0')}-${String(parsed.day).padStart(2, '0')}`;
  }
  return resolveInstant(parsed, now).toISOString().slice(0, 10);
}
