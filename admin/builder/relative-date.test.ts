import { phraseOfOperator, phraseOperator, readRelative, writeRelative } from './relative-date';

describe('relative dates', () => {
  it.each([
    ['>=', 'now-60d', { phrase: 'last', amount: 60, unit: 'd' }],
    ['<', 'now-60d', { phrase: 'ago', amount: 60, unit: 'd' }],
    ['<=', 'now+2w', { phrase: 'next', amount: 2, unit: 'w' }],
    ['>', 'now+3M', { phrase: 'later', amount: 3, unit: 'M' }],
    ['>', 'now-12h', { phrase: 'last', amount: 12, unit: 'h' }],
    ['<=', 'now-1y', { phrase: 'ago', amount: 1, unit: 'y' }],
  ])('reads %s %s in words', (operator, value, words) => {
    expect(readRelative(operator, value)).toEqual(words);
  });

  it.each([
    ['=', 'now-60d'],
    ['>=', '2026-01-01'],
    ['>=', 'now'],
    ['>=', 'now-5x'],
    ['between', ['now-1d', 'now']],
    ['>=', 60],
  ])('does not read %s %j as a relative date', (operator, value) => {
    expect(readRelative(operator, value)).toBeNull();
  });

  it('writes each phrase as the operator and date math', () => {
    expect(writeRelative({ phrase: 'last', amount: 60, unit: 'd' })).toEqual({ operator: '>=', value: 'now-60d' });
    expect(writeRelative({ phrase: 'ago', amount: 60, unit: 'd' })).toEqual({ operator: '<', value: 'now-60d' });
    expect(writeRelative({ phrase: 'next', amount: 2, unit: 'w' })).toEqual({ operator: '<=', value: 'now+2w' });
    expect(writeRelative({ phrase: 'later', amount: 1, unit: 'y' })).toEqual({ operator: '>', value: 'now+1y' });
  });

  it('round-trips every phrase through the operator list entry', () => {
    for (const phrase of ['last', 'ago', 'next', 'later'] as const) {
      expect(phraseOfOperator(phraseOperator(phrase))).toBe(phrase);
      expect(
        readRelative(writeRelative({ phrase, amount: 7, unit: 'd' }).operator, writeRelative({ phrase, amount: 7, unit: 'd' }).value)
          ?.phrase,
      ).toBe(phrase);
    }
    expect(phraseOfOperator('>=')).toBeNull();
  });
});
