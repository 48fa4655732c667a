import { describe, expect, it } from 'vitest';
import { maxDrawdownPercent } from './maxDrawdownPercent';

describe('maxDrawdownPercent', () => {
  it('is the largest fall from a running peak, not from the start or to the end', () => {
    // peaks 1000 → 1200; worst fall 1200 → 900 = 25 %, though the curve ends above its start
    expect(maxDrawdownPercent('1000', ['1100', '1200', '1000', '900', '1300'])).toBe('25.00');
  });

  it('counts the starting capital as the first peak', () => {
    expect(maxDrawdownPercent('1000', ['950', '980'])).toBe('5.00');
  });

  it('is 0 for a curve that never falls, and rounds half-up to 2 places', () => {
    expect(maxDrawdownPercent('1000', ['1000', '1001', '1002'])).toBe('0.00');
    expect(maxDrawdownPercent('3', ['2.99985'])).toBe('0.01'); // 0.005 % → 0.01
  });
});
