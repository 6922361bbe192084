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
});
