import { describe, expect, it } from 'vitest';
import { directionOf, formatDecimal, formatSignedDecimal, formatSignedPercent, roundDecimal } from './formatDecimal';

describe('formatDecimal', () => {
  it('shows a decimal as given, with thousands grouped', () => {
    expect(formatDecimal('1843220.55')).toBe('1,843,220.55');
    expect(formatDecimal('0.00012345')).toBe('0.00012345');
    expect(formatDecimal('120.0000')).toBe('120.0000');
  });

  it('rounds half-up by digits, never through a float', () => {
    expect(roundDecimal('0.125', 2)).toBe('0.13');
    expect(roundDecimal('1.005', 2)).toBe('1.01'); // a float would give 1.00
    expect(roundDecimal('9.999', 2)).toBe('10.00');
    expect(roundDecimal('99999999999999999.995', 2)).toBe('100000000000000000.00');
    expect(roundDecimal('12', 2)).toBe('12.00');
    expect(roundDecimal('-0.004', 2)).toBe('0.00');
    expect(roundDecimal('-2.345', 1)).toBe('-2.3');
    expect(roundDecimal('7.5', 0)).toBe('8');
  });

  it('uses a real minus sign and a dash for a missing value', () => {
    expect(formatDecimal('-1234.5', 2)).toBe('−1,234.50');
    expect(formatDecimal(null)).toBe('—');
  });

  it('says which way a signed value points', () => {
    expect(directionOf('-2.35')).toBe('down');
    expect(directionOf('1.5')).toBe('up');
    expect(directionOf('0.000')).toBe('flat');
    expect(directionOf('-0')).toBe('flat');
    expect(directionOf(null)).toBe('flat');
  });

  it('signs percentages and money', () => {
    expect(formatSignedPercent('1.5')).toBe('+1.50 %');
    expect(formatSignedPercent('-2.35')).toBe('−2.35 %');
    expect(formatSignedPercent('0')).toBe('0.00 %');
    expect(formatSignedDecimal('20.6562')).toBe('+20.66');
  });
});
