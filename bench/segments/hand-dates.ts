/**
 * Date math for the hand-written SQL, written again from docs/semantics.md#dates rather than imported from the
 * engine, so that a bug there shows up as a count mismatch: `now-Nd`/`w` are exact multiples of a
 * day; `now-NM` is a calendar month in UTC with the day clamped (Mar 31 - 1M = Feb 28/29). A
 * `date` attribute compares by UTC calendar day.
 */
const DAY = 86_400_000;

export const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY);

export function monthsBefore(now: Date, months: number): Date {
  const target = new Date(now.getTime());
  target.setUTCDate(1); // first move the month, then put the day back, clamped to the month's length
  target.setUTCMonth(target.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(now.getUTCDate(), lastDay));
  return target;
}

/** The UTC calendar day of an instant, as a `date` column holds it. */
export const utcDay = (instant: Date) => instant.toISOString().slice(0, 10);
