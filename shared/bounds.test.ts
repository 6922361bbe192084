import { boundsReversed, compareDecimal, isBlankText } from './bounds';

describe('bounds', () => {
  it('finds blank text: empty, spaces, tabs and newlines, not text with spaces in it', () => {
    expect(['', '   ', '\t\n', '\u00a0'].map(isBlankText)).toEqual([true, true, true, true]);
    expect([' a ', 'a b', 0, null, undefined].map(isBlankText)).toEqual([false, false, false, false, false]);
  });

  it('compares decimals exactly, numbers and strings alike', () => {
    expect(compareDecimal(80, 20)).toBe(1);
    expect(compareDecimal('20', 80)).toBe(-1);
    expect(compareDecimal('50', '50.000')).toBe(0);
    expect(compareDecimal('-0', 0)).toBe(0);
    expect(compareDecimal('-2.5', '-2.25')).toBe(-1);
    expect(compareDecimal('9007199254740993', '9007199254740992')).toBe(1);
    expect(compareDecimal(1e21, '999999999999999999999')).toBe(1);
    expect(compareDecimal('0.1', '0.09')).toBe(1);
    expect(compareDecimal('abc', 1)).toBeUndefined();
  });

  it('reverses numbers and comparable dates only', () => {
    const now = new Date('2026-03-31T12:00:00Z');
    expect(boundsReversed('number', 80, 20)).toBe(true);
    expect(boundsReversed('number', 20, 80)).toBe(false);
    expect(boundsReversed('number', 20, '')).toBeUndefined();
    expect(boundsReversed('datetime', '2025-06-01', '2025-01-01', now)).toBe(true);
    expect(boundsReversed('datetime', 'now-7d', 'now-60d', now)).toBe(true);
    expect(boundsReversed('datetime', 'now-60d', 'now-7d', now)).toBe(false);
    // An absolute date against date math: the order depends on the day it is read, so it is not judged.
    expect(boundsReversed('datetime', '2999-01-01', 'now', now)).toBe(false);
    // A date attribute compares calendar days: a later time on the same day is not above it.
    expect(boundsReversed('date', '2025-01-01T20:00:00Z', '2025-01-01', now)).toBe(false);
    expect(boundsReversed('datetime', '2025-01-01T20:00:00Z', '2025-01-01', now)).toBe(true);
  });

  it('compares rounded date math resolved at the same now, in the configured zone', () => {
    const now = new Date('2026-03-01T05:30:00Z'); // 00:30 in New York
    expect(boundsReversed('datetime', 'now/M', 'now-1M/M', now)).toBe(true);
    expect(boundsReversed('datetime', 'now-1M/M', 'now/M', now)).toBe(false);
    expect(boundsReversed('date', 'now/d', 'now', now)).toBe(false);
    // the start of today in New York (05:00Z) is after an hour ago (04:30Z); in UTC (00:00Z) it is before
    expect(boundsReversed('datetime', 'now/d', 'now-1h', now, 'America/New_York')).toBe(true);
    expect(boundsReversed('datetime', 'now/d', 'now-1h', now)).toBe(false);
    // on a date attribute, an hour ago is still yesterday in New York
    expect(boundsReversed('date', 'now/d', 'now-1h', now, 'America/New_York')).toBe(true);
    expect(boundsReversed('date', 'now/d', 'now-1h', now)).toBe(false);
  });
});
