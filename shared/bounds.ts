/**
 * What makes a value complete, for the server's validator and the builder alike (docs/semantics.md#3-operators-and-values): a text
 * value that is blank, and a `between` whose low bound is above its high bound, are refused.
 */
import { parseDateValue } from './dates/parse';
import { resolveCalendarDay, resolveInstant } from './dates/resolve';

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * A well-formed number value: a finite number, or a decimal as text (sign, digits, an optional
 * fraction; surrounding blanks allowed; no exponent). Integers beyond 2^53 stay text so they compare exactly.
 */
export function isNumberValue(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  return typeof v === 'string' && DECIMAL.test(v.trim());
}

/** Empty or only whitespace: it names nothing anyone could mean ("is" three spaces). */
export const isBlankText = (value: unknown): boolean => typeof value === 'string' && value.trim() === '';

/** a − b's sign for two well-formed decimals (numbers or decimal strings), exactly: never through a float. */
export function compareDecimal(a: number | string, b: number | string): number | undefined {
  const x = DECIMAL.exec(String(typeof a === 'number' ? toPlain(a) : a).trim());
  const y = DECIMAL.exec(String(typeof b === 'number' ? toPlain(b) : b).trim());
  if (!x || !y) return undefined;
  const sign = (m: RegExpExecArray) => (/^0*$/.test(m[2]) && /^0*$/.test(m[3] ?? '') ? 0 : m[1] ? -1 : 1);
  const [sx, sy] = [sign(x), sign(y)];
  if (sx !== sy) return sx < sy ? -1 : 1;
  if (sx === 0) return 0;
  const magnitude = compareMagnitude(x, y);
  return sx * magnitude;
}

/** A number as plain decimal digits (1e21 → "1000000000000000000000"), which the pattern can read. */
function toPlain(n: number): string {
  if (!Number.isFinite(n)) return 'NaN';
  const text = String(n);
  if (!/e/i.test(text)) return text;
  return Number.isInteger(n) ? BigInt(n).toString() : n.toFixed(20).replace(/0+$/, '');
}

function compareMagnitude(x: RegExpExecArray, y: RegExpExecArray): number {
  const ix = x[2].replace(/^0+/, '');
  const iy = y[2].replace(/^0+/, '');
  if (ix.length !== iy.length) return ix.length < iy.length ? -1 : 1;
  if (ix !== iy) return ix < iy ? -1 : 1;
  const fx = (x[3] ?? '').replace(/0+$/, '');
  const fy = (y[3] ?? '').replace(/0+$/, '');
  const width = Math.max(fx.length, fy.length);
  const [px, py] = [fx.padEnd(width, '0'), fy.padEnd(width, '0')];
  return px === py ? 0 : px < py ? -1 : 1;
}

/**
 * Whether a range's low bound is above its high bound. Numbers compare exactly. Dates compare only
 * when the order cannot depend on the day the segment is read: two absolute dates, or two date-math
 * values (resolved against the same `now`). "between 2025-01-01 and now-30d" is not compared: it is
 * a valid range today and an empty one in a few years, and refusing it would depend on the clock.
 * A `date` attribute compares by calendar day; date math resolves in the configured time zone.
 * Undefined when either bound is not a well-formed value.
 */
export function boundsReversed(
  kind: 'number' | 'date' | 'datetime',
  low: unknown,
  high: unknown,
  now: Date = new Date(),
  timeZone?: string,
): boolean | undefined {
  if (kind === 'number') {
    if ((typeof low !== 'number' && typeof low !== 'string') || (typeof high !== 'number' && typeof high !== 'string')) return undefined;
    const order = compareDecimal(low, high);
    return order === undefined ? undefined : order > 0;
  }
  const a = parseDateValue(low);
  const b = parseDateValue(high);
  if (!a || !b) return undefined;
  if ((a.kind === 'math') !== (b.kind === 'math')) return false;
  if (kind === 'date') return resolveCalendarDay(a, now, timeZone) > resolveCalendarDay(b, now, timeZone);
  return resolveInstant(a, now, timeZone).getTime() > resolveInstant(b, now, timeZone).getTime();
}
