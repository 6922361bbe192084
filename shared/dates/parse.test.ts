import { dateMathProblem, formatDateMath, parseDateMath, parseDateValue } from './parse';

describe('parseDateValue', () => {
  it('reads now, offsets and roundings after the offset', () => {
    expect(parseDateValue('now')).toEqual({ kind: 'math' });
    expect(parseDateValue(' now-60d ')).toEqual({ kind: 'math', offset: { sign: -1, amount: 60, unit: 'd' } });
    expect(parseDateValue('now+2w')).toEqual({ kind: 'math', offset: { sign: 1, amount: 2, unit: 'w' } });
    expect(parseDateValue('now/M')).toEqual({ kind: 'math', round: 'M' });
    expect(parseDateValue('now-1M/M')).toEqual({ kind: 'math', offset: { sign: -1, amount: 1, unit: 'M' }, round: 'M' });
    expect(parseDateValue('now+0d/Q')).toEqual({ kind: 'math', offset: { sign: 1, amount: 0, unit: 'd' }, round: 'Q' });
    for (const round of ['d', 'w', 'M', 'Q', 'y']) expect(parseDateMath(`now-3h/${round}`)?.round).toBe(round);
  });

  it('reads ISO dates and datetimes (a datetime without an offset is UTC)', () => {
    expect(parseDateValue('2024-02-29')).toEqual({ kind: 'date', year: 2024, month: 2, day: 29 });
    expect(parseDateValue('2024-05-01T10:20')).toEqual({ kind: 'instant', date: new Date('2024-05-01T10:20:00Z') });
    expect(parseDateValue('2024-05-01T10:20:30.5+02:00')).toEqual({ kind: 'instant', date: new Date('2024-05-01T08:20:30.500Z') });
  });

  it.each([
    '',
    'yesterday',
    'now-5x',
    'now-',
    'now - 5d',
    'now/',
    'now/X',
    'now/h',
    'now-1Q',
    'now/M+1d',
    'now/M/d',
    'NOW',
    'now-1234567d',
    '2024-13-01',
    '2023-02-29',
    '2024-05-01T25:00',
    42,
    null,
    'now-1d+2h',
  ])('refuses %p', (value) => {
    expect(parseDateValue(value)).toBeNull();
  });

  it('writes date math back as it reads it', () => {
    for (const text of ['now', 'now-60d', 'now+0d', 'now/w', 'now-3M/Q', 'now+1y/y'])
      expect(formatDateMath(parseDateMath(text)!)).toBe(text);
  });
});

describe('dateMathProblem', () => {
  it('says what is wrong with a value that starts like date math', () => {
    expect(dateMathProblem('now/X')).toMatch(
      /"\/X" is not a rounding: round to the start of a d \(day\), w \(week\), M \(month\), Q \(quarter\) or y/,
    );
    expect(dateMathProblem('now/')).toMatch(/"\/" is not a rounding/);
    expect(dateMathProblem('now-1Q')).toMatch(
      /"Q" is not an offset unit: use h \(hours\), d \(days\), w \(weeks\), M \(months\) or y \(years\)/,
    );
    expect(dateMathProblem('now-d')).toMatch(/"now-d" is not an offset/);
    expect(dateMathProblem('now/M+1d')).toMatch(/"\/M\+1d" is not a rounding/);
    expect(dateMathProblem('Now-1d')).toMatch(/lower case/);
    expect(dateMathProblem('now-1234567d')).toMatch(/at most 6 digits/);
  });

  it('has nothing to say about well-formed date math or values that are not date math', () => {
    expect(dateMathProblem('now-1M/M')).toBeUndefined();
    expect(dateMathProblem('2024-01-01')).toBeUndefined();
    expect(dateMathProblem('yesterday')).toBeUndefined();
  });
});
