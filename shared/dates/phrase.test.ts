import { describeTree } from '../describe-tree';
import { dateMathWords, periodComparisonWords, PERIOD_NAMES, periodRules, readPeriod, readRelative, writeRelative } from './phrase';

describe('date math in words', () => {
  it('reads values', () => {
    expect(dateMathWords('now')).toBe('now');
    expect(dateMathWords('now-90d')).toBe('90 days ago');
    expect(dateMathWords('now+1w')).toBe('in 1 week');
    expect(dateMathWords('now/d')).toBe('the start of today');
    expect(dateMathWords('now/M')).toBe('the start of this month');
    expect(dateMathWords('now-1M/M')).toBe('the start of last month');
    expect(dateMathWords('now+1d/d')).toBe('the start of tomorrow');
    expect(dateMathWords('now-1d/d')).toBe('the start of yesterday');
    expect(dateMathWords('now-3M/Q')).toBe('the start of last quarter');
    expect(dateMathWords('now+1y/y')).toBe('the start of next year');
    expect(dateMathWords('now-10d/w')).toBe('the start of the week 10 days ago');
    expect(dateMathWords('2024-01-01')).toBeNull();
  });

  it('reads comparisons with a rounded value', () => {
    expect(periodComparisonWords('>=', 'now/M')).toBe('since the start of this month');
    expect(periodComparisonWords('<', 'now-3M/Q')).toBe('before the start of last quarter');
    expect(periodComparisonWords('<=', 'now/y')).toBe('on or before the start of this year');
    expect(periodComparisonWords('>', 'now/w')).toBe('after the start of this week');
    expect(periodComparisonWords('=', 'now/w')).toBeNull();
    expect(periodComparisonWords('>=', 'now-1d')).toBeNull();
  });

  it('keeps relative phrases to offsets that are not rounded', () => {
    expect(readRelative('>=', 'now-60d')).toEqual({ phrase: 'last', amount: 60, unit: 'd' });
    expect(readRelative('>=', 'now-0d')).toEqual({ phrase: 'last', amount: 0, unit: 'd' });
    expect(readRelative('>=', 'now-1M/M')).toBeNull();
    expect(readRelative('>=', 'now')).toBeNull();
    expect(writeRelative({ phrase: 'ago', amount: 2, unit: 'w' })).toEqual({ operator: '<', value: 'now-2w' });
  });

  it('writes each calendar period as >= its start and < the next start, and reads it back', () => {
    for (const period of PERIOD_NAMES) {
      const rules = periodRules('createdAt', period);
      expect(readPeriod({ combinator: 'and', rules })).toEqual({ field: 'createdAt', period });
      expect(readPeriod({ combinator: 'or', rules })).toBeNull();
      expect(readPeriod({ combinator: 'and', not: true, rules })).toBeNull();
    }
    expect(periodRules('closeDate', 'lastMonth')).toEqual([
      { field: 'closeDate', operator: '>=', value: 'now-1M/M' },
      { field: 'closeDate', operator: '<', value: 'now/M' },
    ]);
  });
});

describe('the tree in words', () => {
  const fields = [
    { name: 'createdAt', label: 'Created at', type: 'datetime', operators: ['<', '>='] },
    { name: 'closeDate', label: 'Close date', type: 'date', operators: ['<', '>='] },
  ] as any;

  it('reads rounded comparisons and calendar periods', () => {
    const tree = {
      combinator: 'and' as const,
      rules: [
        { field: 'createdAt', operator: '>=', value: 'now/M' },
        { field: 'closeDate', operator: '<', value: 'now-3M/Q' },
        { combinator: 'and' as const, rules: periodRules('createdAt', 'lastQuarter') },
        { combinator: 'and' as const, rules: periodRules('closeDate', 'today') },
        { combinator: 'and' as const, rules: periodRules('closeDate', 'thisYear') },
      ],
    };
    expect(describeTree(tree, fields)).toBe(
      'Created since the start of this month and close date is before the start of last quarter and created last quarter and close date is today and close date is in this year',
    );
    expect(describeTree({ combinator: 'and', rules: periodRules('createdAt', 'thisWeek') }, fields)).toBe('Created this week');
  });
});
