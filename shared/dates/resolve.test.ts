import { parseDateValue } from './parse';
import { checkTimeZone, resolveCalendarDay, resolveInstant } from './resolve';

const at = (value: string, now: string, zone?: string) => resolveInstant(parseDateValue(value)!, new Date(now), zone).toISOString();
const day = (value: string, now: string, zone?: string) => resolveCalendarDay(parseDateValue(value)!, new Date(now), zone);

describe('date math in UTC', () => {
  const now = '2024-03-31T15:30:00.000Z'; // a Sunday, in a leap year

  it('evaluates now and offsets in hours, days and weeks', () => {
    expect(at('now', now)).toBe('2024-03-31T15:30:00.000Z');
    expect(at('now-60d', now)).toBe('2024-01-31T15:30:00.000Z');
    expect(at('now+2w', now)).toBe('2024-04-14T15:30:00.000Z');
    expect(at('now-36h', now)).toBe('2024-03-30T03:30:00.000Z');
  });

  it('treats months and years as calendar units with the day clamped', () => {
    expect(at('now-1M', now)).toBe('2024-02-29T15:30:00.000Z');
    expect(at('now-13M', now)).toBe('2023-02-28T15:30:00.000Z');
    expect(at('now+1y', now)).toBe('2025-03-31T15:30:00.000Z');
    expect(at('now+1y', '2024-02-29T10:00:00Z')).toBe('2025-02-28T10:00:00.000Z');
    expect(at('now-2M', '2024-01-31T00:00:00Z')).toBe('2023-11-30T00:00:00.000Z');
  });

  it('rounds to the start of the day, the Monday week, the month, the quarter and the year, after the offset', () => {
    expect(at('now/d', now)).toBe('2024-03-31T00:00:00.000Z');
    expect(at('now/w', now)).toBe('2024-03-25T00:00:00.000Z');
    expect(at('now+1d/w', now)).toBe('2024-04-01T00:00:00.000Z');
    expect(at('now/M', now)).toBe('2024-03-01T00:00:00.000Z');
    expect(at('now-1M/M', now)).toBe('2024-02-01T00:00:00.000Z');
    expect(at('now+1M/M', '2024-01-31T12:00:00Z')).toBe('2024-02-01T00:00:00.000Z');
    expect(at('now/Q', now)).toBe('2024-01-01T00:00:00.000Z');
    expect(at('now-3M/Q', now)).toBe('2023-10-01T00:00:00.000Z');
    expect(at('now+3M/Q', '2024-11-30T12:00:00Z')).toBe('2025-01-01T00:00:00.000Z');
    expect(at('now/y', now)).toBe('2024-01-01T00:00:00.000Z');
    expect(at('now-1y/M', now)).toBe('2023-03-01T00:00:00.000Z');
  });

  it('crosses year boundaries', () => {
    const newYear = '2025-01-01T00:30:00Z'; // a Wednesday
    expect(at('now/w', newYear)).toBe('2024-12-30T00:00:00.000Z');
    expect(at('now-1d/y', newYear)).toBe('2024-01-01T00:00:00.000Z');
    expect(at('now-1M/M', newYear)).toBe('2024-12-01T00:00:00.000Z');
    expect(at('now-3M/Q', newYear)).toBe('2024-10-01T00:00:00.000Z');
  });

  it('keeps years 0–99 as they are (Date.UTC would read them as 19xx)', () => {
    expect(resolveInstant(parseDateValue('0050-06-15')!, new Date(now)).getUTCFullYear()).toBe(50);
    expect(at('now-2000y', now)).toBe('0024-03-31T15:30:00.000Z');
    expect(at('now-2000y/y', now, 'Europe/Berlin')).toBe('0023-12-31T23:06:32.000Z'); // Berlin's local mean time, +0:53:28
  });

  it('reads a date-only value as that day at UTC midnight and gives the UTC calendar day for date attributes', () => {
    expect(at('2024-05-01', now)).toBe('2024-05-01T00:00:00.000Z');
    expect(day('now-1M', now)).toBe('2024-02-29');
    expect(day('2024-05-01T23:30:00-02:00', now)).toBe('2024-05-02');
    expect(day('2024-05-01', now)).toBe('2024-05-01');
  });
});

describe('date math in a configured time zone', () => {
  it('starts days and periods at the zone midnight (America/New_York: still February there)', () => {
    const now = '2026-03-01T03:00:00Z'; // Feb 28, 22:00 in New York
    expect(at('now/d', now, 'America/New_York')).toBe('2026-02-28T05:00:00.000Z');
    expect(at('now/M', now, 'America/New_York')).toBe('2026-02-01T05:00:00.000Z');
    expect(at('now/M', now)).toBe('2026-03-01T00:00:00.000Z');
    expect(day('now', now, 'America/New_York')).toBe('2026-02-28');
    expect(day('now/M', now, 'America/New_York')).toBe('2026-02-01');
    // absolute values mean the same in every zone
    expect(day('2026-03-01T03:00:00Z', now, 'America/New_York')).toBe('2026-03-01');
    expect(at('2026-03-01', now, 'America/New_York')).toBe('2026-03-01T00:00:00.000Z');
  });

  it('is DST-correct in America/New_York (spring forward on Sunday 2026-03-08, fall back on 2026-11-01)', () => {
    const spring = '2026-03-08T16:00:00Z'; // 12:00 EDT
    expect(at('now/d', spring, 'America/New_York')).toBe('2026-03-08T05:00:00.000Z'); // midnight EST
    expect(at('now/w', spring, 'America/New_York')).toBe('2026-03-02T05:00:00.000Z');
    expect(at('now+1d/d', spring, 'America/New_York')).toBe('2026-03-09T04:00:00.000Z'); // midnight EDT: a 23-hour day
    expect(at('now-1d', spring, 'America/New_York')).toBe('2026-03-07T17:00:00.000Z'); // 12:00 EST: 23 hours before
    const fall = '2026-11-01T17:00:00Z'; // 12:00 EST
    expect(at('now/d', fall, 'America/New_York')).toBe('2026-11-01T04:00:00.000Z'); // midnight EDT: a 25-hour day
    expect(at('now-1w', fall, 'America/New_York')).toBe('2026-10-25T16:00:00.000Z'); // 12:00 EDT
  });

  it('is DST-correct in Europe/Berlin, skipped and repeated hours included', () => {
    const spring = '2026-03-29T12:00:00Z'; // 14:00 CEST, the day clocks go 02:00 → 03:00
    expect(at('now/d', spring, 'Europe/Berlin')).toBe('2026-03-28T23:00:00.000Z');
    expect(at('now-1d', spring, 'Europe/Berlin')).toBe('2026-03-28T13:00:00.000Z');
    expect(at('now+1d/d', spring, 'Europe/Berlin')).toBe('2026-03-29T22:00:00.000Z');
    expect(at('now/M', spring, 'Europe/Berlin')).toBe('2026-02-28T23:00:00.000Z');
    expect(at('now/Q', '2026-04-15T12:00:00Z', 'Europe/Berlin')).toBe('2026-03-31T22:00:00.000Z');
    // 02:30 on Mar 29 does not exist: moved forward by the gap, to 03:30 CEST
    expect(at('now-1d', '2026-03-30T00:30:00Z', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 on Oct 25 happens twice: the instant with now's offset
    expect(at('now-1d', '2026-10-26T01:30:00Z', 'Europe/Berlin')).toBe('2026-10-25T01:30:00.000Z'); // 02:30 CET
    expect(at('now+1d', '2026-10-24T00:30:00Z', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z'); // 02:30 CEST
    expect(at('now', '2026-10-25T01:30:00Z', 'Europe/Berlin')).toBe('2026-10-25T01:30:00.000Z');
    expect(at('now-1h', '2026-10-25T01:30:00Z', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
    expect(at('now/d', '2026-10-25T12:00:00Z', 'Europe/Berlin')).toBe('2026-10-24T22:00:00.000Z');
  });

  it('starts a day whose midnight a DST change skips at its first instant (America/Santiago, 2026-09-06 00:00 → 01:00)', () => {
    expect(at('now/d', '2026-09-06T12:00:00Z', 'America/Santiago')).toBe('2026-09-06T04:00:00.000Z');
  });

  it('takes zones with quarter-hour offsets (Asia/Kathmandu, +05:45)', () => {
    const now = '2026-06-30T20:00:00Z'; // July 1, 01:45 there
    expect(at('now/Q', now, 'Asia/Kathmandu')).toBe('2026-06-30T18:15:00.000Z');
    expect(at('now/d', now, 'Asia/Kathmandu')).toBe('2026-06-30T18:15:00.000Z');
    expect(at('now/Q', now)).toBe('2026-04-01T00:00:00.000Z');
    expect(day('now-1M', now, 'Asia/Kathmandu')).toBe('2026-06-01');
  });

  it('checks a configured zone', () => {
    expect(checkTimeZone('Europe/Berlin')).toEqual({ zone: 'Europe/Berlin' });
    expect(checkTimeZone('utc')).toEqual({ zone: 'UTC' });
    expect(checkTimeZone('Etc/UTC')).toEqual({ zone: 'UTC' });
    expect(checkTimeZone('Mars/Olympus_Mons')).toEqual({
      problem: expect.stringMatching(/"Mars\/Olympus_Mons" is not a time zone this server knows: use an IANA name/),
    });
  });
});
