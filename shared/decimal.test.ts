import { describe, expect, it } from 'vitest';
import { amountToPrecision, Decimal, decimalsOfStep, priceToPrecision, roundToPrecision, truncateAmount } from './decimal';

const d = Decimal.from;

describe('Decimal', () => {
  it('adds 0.1 and 0.2 to exactly 0.3', () => {
    expect(d('0.1').add('0.2').toString()).toBe('0.3');
    expect(d(0.1).add(0.2).eq('0.3')).toBe(true);
  });

  it('parses plain, signed, leading-dot and exponent forms exactly', () => {
    expect(d('0.4123').toString()).toBe('0.4123');
    expect(d('-12.50').toString()).toBe('-12.5');
    expect(d('.5').toString()).toBe('0.5');
    expect(d('1e-8').toString()).toBe('0.00000001');
    expect(d('2.5E3').toString()).toBe('2500');
    expect(d(1e-7).toString()).toBe('0.0000001');
    expect(d(10n).toString()).toBe('10');
    expect(d('-0').toString()).toBe('0');
  });

  it('refuses anything that is not a decimal number', () => {
    for (const bad of ['', 'abc', '1,5', '1.2.3', 'NaN', '--1', '.']) expect(() => Decimal.fromString(bad), bad).toThrow(RangeError);
    expect(() => d(Number.NaN)).toThrow(RangeError);
    expect(() => d(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(Decimal.isDecimalString('0.41')).toBe(true);
    expect(Decimal.isDecimalString('=1+1')).toBe(false);
  });

  it('subtracts and multiplies exactly, whatever the scales', () => {
    expect(d('50').sub('49.9999').toString()).toBe('0.0001');
    expect(d('0.4041').mul('123.73').toString()).toBe('49.999293');
    expect(d('-2').mul('0.5').toString()).toBe('-1');
  });

  it('divides to the places asked, with the rounding mode asked', () => {
    expect(d(50).div('0.4041', 4, 'down').toString()).toBe('123.7317');
    expect(d(2).div(3, 4, 'half-up').toString()).toBe('0.6667');
    expect(d(2).div(3, 4, 'down').toString()).toBe('0.6666');
    expect(d(1).div(3, 2, 'up').toString()).toBe('0.34');
    expect(d(-2).div(3, 4, 'half-up').toString()).toBe('-0.6667');
    expect(d(10).div('0.25').toString()).toBe('40');
    expect(() => d(1).div(0)).toThrow('division by zero');
  });

  it('rounds half away from zero, truncates toward zero, rounds up away from zero', () => {
    expect(roundToPrecision('0.40115', 4, 'half-up').toString()).toBe('0.4012');
    expect(roundToPrecision('0.40114', 4, 'half-up').toString()).toBe('0.4011');
    expect(roundToPrecision('-0.40115', 4, 'half-up').toString()).toBe('-0.4012');
    expect(roundToPrecision('0.40119', 4, 'down').toString()).toBe('0.4011');
    expect(roundToPrecision('-0.40119', 4, 'down').toString()).toBe('-0.4011');
    expect(roundToPrecision('0.40111', 4, 'up').toString()).toBe('0.4012');
    expect(roundToPrecision('1234.5', -2, 'half-up').toString()).toBe('1200');
    expect(truncateAmount('25.129', 2).toString()).toBe('25.12');
  });

  it('compares across scales', () => {
    expect(d('0.10').compare('0.1')).toBe(0);
    expect(d('0.1').lt('0.11')).toBe(true);
    expect(d('-1').lte('0')).toBe(true);
    expect(d('2').gt('1.9999999999')).toBe(true);
    expect(d('2').gte('2.0')).toBe(true);
    expect(Decimal.min('3', '1.5', '2').toString()).toBe('1.5');
    expect(Decimal.max('3', '1.5', '2').toString()).toBe('3');
    expect(Decimal.sum(['0.1', '0.2', '0.3']).toString()).toBe('0.6');
  });

  it('prints with exactly the places asked', () => {
    expect(d('0.4').toFixed(4)).toBe('0.4000');
    expect(d('0.41236').toFixed(4)).toBe('0.4124');
    expect(d('7').toFixed(0)).toBe('7');
    expect(d('-0.00001').toFixed(2)).toBe('0.00');
    expect(JSON.stringify({ price: d('0.41') })).toBe('{"price":"0.41"}');
  });

  it('is immutable', () => {
    const a = d('1');
    a.add('1');
    expect(a.toString()).toBe('1');
  });
});

describe('rounding as ccxt mexc does (ccxt\'s mexc.js)', () => {
  it('truncates amounts to the step: 25.123 → 25.12', () => {
    expect(amountToPrecision('25.123', '0.01').toString()).toBe('25.12');
    expect(amountToPrecision('25.129', '0.01').toString()).toBe('25.12');
    expect(amountToPrecision('0.009', '0.01').toString()).toBe('0');
  });

  it('rounds prices half-up to the tick, also for ticks that are not powers of ten', () => {
    expect(priceToPrecision('0.40115', '0.0001').toString()).toBe('0.4012');
    expect(priceToPrecision('0.40114', '0.0001').toString()).toBe('0.4011');
    expect(priceToPrecision('1.0074', '0.005').toString()).toBe('1.005');
    expect(priceToPrecision('1.0076', '0.005').toString()).toBe('1.01');
  });

  it('reads the decimal places of a tick', () => {
    expect(decimalsOfStep('0.0001')).toBe(4);
    expect(decimalsOfStep(1e-8)).toBe(8);
    expect(decimalsOfStep('1')).toBe(0);
  });
});
