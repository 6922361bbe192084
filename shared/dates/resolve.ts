/**
 * What a parsed date value stands for at a query's `now`, in a time zone (the plugin config's
 * `timeZone`, an IANA name; UTC by default). Pure JavaScript on `Intl.DateTimeFormat`, so every
 * database is given the same bound instants and days.
 *
 * In a zone, `d` `w` `M` `y` offsets are calendar steps on the zone's wall clock (`now-1d` at 09:00
 * is 09:00 yesterday even across a DST change; months and years clamp the day: Mar 31 − 1M is Feb
 * 28/29) and `h` is exact hours. A rounding then goes to the start of the period on that wall clock:
 * the day's midnight (or its first instant, where a DST change skips midnight), Monday for weeks,
 * Jan/Apr/Jul/Oct 1 for quarters. A wall-clock time a DST change skips moves forward by the gap; one it
 * repeats is read at the earlier instant, unless the offset kept from `now` names the other (so `now`
 * itself never moves). Absolute values (ISO dates and datetimes) mean the same in every zone: a date
 * is that day's UTC midnight on a datetime attribute, an instant's day on a `date` attribute is its UTC day.
 */
import type { DateMath, ParsedDate, RoundUnit } from './parse';
import { daysInMonth } from './parse';

export const UTC = 'UTC';
const SECOND = 1_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Epoch ms of a UTC calendar date and time of day, for any year (Date.UTC reads 0–99 as 1900–1999). */
export function utcMs(year: number, monthIndex: number, day: number, timeOfDay = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date.getTime() + timeOfDay;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/**
 * The IANA zone a config names, or a sentence saying why it names none. `UTC` spelt any way is UTC.
 */
export function checkTimeZone(timeZone: string): { zone: string } | { problem: string } {
  try {
    const zone = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
    return { zone: /^(Etc\/)?(UTC|GMT|Zulu|UCT|Universal)$/i.test(zone) ? UTC : zone };
  } catch {
    return {
      problem: `"${timeZone}" is not a time zone this server knows: use an IANA name such as "Europe/Berlin" or "America/New_York", or "UTC"`,
    };
  }
}

/** The zone's offset from UTC at an instant, in ms (wall clock − UTC). */
export function zoneOffset(ms: number, timeZone: string): number {
  if (timeZone === UTC || !Number.isFinite(ms)) return 0;
  const parts: Record<string, string> = {};
  for (const { type, value } of formatter(timeZone).formatToParts(new Date(ms))) parts[type] = value;
  const year = parts.era === 'BC' || parts.era === 'B' ? 1 - Number(parts.year) : Number(parts.year);
  const clock = Number(parts.hour) * HOUR + Number(parts.minute) * 60_000 + Number(parts.second) * SECOND;
  const wall = utcMs(year, Number(parts.month) - 1, Number(parts.day), clock);
  return wall - (ms - (((ms % SECOND) + SECOND) % SECOND));
}

/**
 * The instant a wall-clock time (as epoch ms of the same fields in UTC) has in a zone: in a repeated
 * hour the earlier instant, or the one with `prefer`'s offset; in a skipped hour, moved forward by the gap.
 */
export function wallToInstant(wall: number, timeZone: string, prefer?: number): number {
  if (timeZone === UTC) return wall;
  const before = zoneOffset(wall - DAY, timeZone);
  const after = zoneOffset(wall + DAY, timeZone);
  const fits = [...new Set([before, after, ...(prefer === undefined ? [] : [prefer])])]
    .map((offset) => wall - offset)
    .filter((ms) => ms + zoneOffset(ms, timeZone) === wall)
    .sort((a, b) => a - b);
  if (fits.length === 0) return wall - before;
  const preferred = prefer === undefined ? undefined : fits.find((ms) => zoneOffset(ms, timeZone) === prefer);
  return preferred ?? fits[0];
}

/** An instant's wall-clock fields in a zone. */
function wallOf(ms: number, timeZone: string) {
  const wall = new Date(ms + zoneOffset(ms, timeZone));
  return {
    year: wall.getUTCFullYear(),
    monthIndex: wall.getUTCMonth(),
    day: wall.getUTCDate(),
    /** 0 = Monday … 6 = Sunday */
    weekday: (wall.getUTCDay() + 6) % 7,
    timeOfDay: wall.getTime() - utcMs(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate()),
  };
}

/** Wall-clock ms plus calendar months, the day clamped to the target month's length, time of day kept. */
function plusMonths(wall: ReturnType<typeof wallOf>, months: number): number {
  const total = wall.year * 12 + wall.monthIndex + months;
  const year = Math.floor(total / 12);
  const monthIndex = total - year * 12;
  return utcMs(year, monthIndex, Math.min(wall.day, daysInMonth(year, monthIndex)), wall.timeOfDay);
}

/** Epoch ms of the wall-clock start of the period holding a wall-clock time. */
function periodStart(wall: ReturnType<typeof wallOf>, round: RoundUnit): number {
  switch (round) {
    case 'd':
      return utcMs(wall.year, wall.monthIndex, wall.day);
    case 'w':
      return utcMs(wall.year, wall.monthIndex, wall.day - wall.weekday);
    case 'M':
      return utcMs(wall.year, wall.monthIndex, 1);
    case 'Q':
      return utcMs(wall.year, wall.monthIndex - (wall.monthIndex % 3), 1);
    case 'y':
      return utcMs(wall.year, 0, 1);
  }
}

function resolveMath(math: DateMath, now: Date, timeZone: string): number {
  const { sign, amount, unit } = math.offset ?? { sign: 1, amount: 0, unit: 'd' };
  const n = sign * amount;
  const at = now.getTime();
  let ms: number;
  if (unit === 'h') ms = at + n * HOUR;
  else {
    const wall = wallOf(at, timeZone);
    const from = utcMs(wall.year, wall.monthIndex, wall.day, wall.timeOfDay);
    const shifted = unit === 'd' ? from + n * DAY : unit === 'w' ? from + 7 * n * DAY : plusMonths(wall, unit === 'M' ? n : 12 * n);
    ms = n === 0 ? at : wallToInstant(shifted, timeZone, zoneOffset(at, timeZone));
  }
  return math.round ? wallToInstant(periodStart(wallOf(ms, timeZone), math.round), timeZone) : ms;
}

/** The instant a parsed value stands for, with `now` fixed by the caller (the query's time). */
export function resolveInstant(parsed: ParsedDate, now: Date, timeZone: string = UTC): Date {
  switch (parsed.kind) {
    case 'instant':
      return parsed.date;
    case 'date':
      return new Date(utcMs(parsed.year, parsed.month - 1, parsed.day));
    case 'math':
      return new Date(resolveMath(parsed, now, timeZone));
  }
}

const dayText = (year: number, monthIndex: number, day: number) =>
  `${String(year).padStart(4, '0')}-${String(monthIndex + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/**
 * The calendar day (`YYYY-MM-DD`) a value stands for, for comparisons on `date` attributes: date math
 * gives its day in the zone, an instant its UTC day, a date itself.
 */
export function resolveCalendarDay(parsed: ParsedDate, now: Date, timeZone: string = UTC): string {
  if (parsed.kind === 'date') return dayText(parsed.year, parsed.month - 1, parsed.day);
  const ms = resolveInstant(parsed, now, timeZone).getTime();
  const wall = wallOf(ms, parsed.kind === 'math' ? timeZone : UTC);
  return dayText(wall.year, wall.monthIndex, wall.day);
}
