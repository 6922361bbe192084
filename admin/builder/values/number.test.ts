import { isNumberValue } from '../../../shared/bounds';
import { parseNumberText } from './number';

describe('numbers the user types', () => {
  it.each([
    ['42', 42],
    [' -7 ', -7],
    ['2.5', 2.5],
    ['0', 0],
    ['9007199254740991', 9007199254740991],
    ['9007199254740993', '9007199254740993'],
    ['-12345678901234567890', '-12345678901234567890'],
  ])('reads %j as %j', (text, value) => {
    expect(parseNumberText(text)).toEqual({ ok: true, value });
  });

  it.each(['', '12a', '1.', '.5', '1e3', '1,5', '--1', 'NaN'])('keeps %j as the text it is, not a number', (text) => {
    expect(parseNumberText(text)).toEqual({ ok: false, value: text });
  });

  it('agrees with the server on what a number value is', () => {
    expect([10, '10', '2.5', ' 3 '].every(isNumberValue)).toBe(true);
    expect([NaN, Infinity, '', '1e3', null, undefined, true].some(isNumberValue)).toBe(false);
  });
});
