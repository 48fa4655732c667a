import { describe, expect, it } from 'vitest';
import { averageCost } from './averageCost';

describe('averageCost', () => {
  it('is USDT spent per QRL held, fees included (the fee shrinks what is held)', () => {
    // 100 USDT for 400 QRL less a 0.1 % fee (0.4 QRL): 100 / 399.6
    expect(averageCost('100', '399.6')).toBe('0.25025025');
  });

  it('is null when nothing was bought', () => {
    expect(averageCost('0', '0')).toBeNull();
  });
});
