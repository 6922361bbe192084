import { addMonthsUTC, parseDateValue, resolveCalendarDay, resolveInstant } from './date-math';

const now = new Date('2024-03-31T15:30:00.000Z');
const at = (value: string) => resolveInstant(parseDateValue(value)!, now).toISOString();

describe('date math', () => {
  it('evaluates now and offsets in hours, days and weeks', () => {
    expect(at('now')).toBe('2024-03-31T15:30:00.000Z');
    expect(at('now-60d')).toBe('2024-01-31T15:30:00.000Z');
    expect(at('now+2w')).toBe('2024-04-14T15:30:00.000Z');
    expect(at('now-36h')).toBe('2024-03-30T03:30:00.000Z');
  });

  it('treats months and years as calendar units with the day clamped', () => {
    expect(at('now-1M')).toBe('2024-02-29T15:30:00.000Z');
    expect(at('now-13M')).toBe('2023-02-28T15:30:00.000Z');
    expect(at('now+1y')).toBe('2025-03-31T15:30:00.000Z');
    expect(addMonthsUTC(new Date('2024-02-29T00:00:00Z'), 12).toISOString()).toBe('2025-02-28T00:00:00.000Z');
    expect(addMonthsUTC(new Date('2024-01-31T00:00:00Z'), -2).toISOString()).toBe('2023-11-30T00:00:00.000Z');
  });

  it('reads a date-only value as that day at UTC midnight and a zone-less datetime as UTC', () => {
    expect(at('2024-05-01')).toBe('2024-05-01T00:00:00.000Z');
    expect(at('2024-05-01T10:20')).toBe('2024-05-01T10:20:00.000Z');
    expect(at('2024-05-01T10:20:30.5+02:00')).toBe('2024-05-01T08:20:30.500Z');
  });

  it('keeps years 0–99 as they are (Date.UTC would read them as 19xx)', () => {
    expect(resolveInstant(parseDateValue('0050-06-15')!, now).getUTCFullYear()).toBe(50);
    expect(addMonthsUTC(new Date('0004-03-31T00:00:00Z'), -1).toISOString()).toBe('0004-02-29T00:00:00.000Z');
    expect(resolveInstant(parseDateValue('now-2000y')!, now).toISOString()).toBe('0024-03-31T15:30:00.000Z');
  });

  it('gives the UTC calendar day for date attributes', () => {
    expect(resolveCalendarDay(parseDateValue('now-1M')!, now)).toBe('2024-02-29');
    expect(resolveCalendarDay(parseDateValue('2024-05-01T23:30:00-02:00')!, now)).toBe('2024-05-02');
    expect(resolveCalendarDay(parseDateValue('2024-05-01')!, now)).toBe('2024-05-01');
  });

  it.each(['', 'yesterday', 'now-5x', 'now-', 'now - 5d', '2024-13-01', '2023-02-29', '2024-05-01T25:00', 42, null, 'now-1d+2h'])(
    'refuses %p',
    (value) => {
      expect(parseDateValue(value)).toBeNull();
    }
  );
});
