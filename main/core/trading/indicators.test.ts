import { describe, expect, it } from 'vitest';
import { ema, lastEma } from './indicators';

describe('ema (pandas ewm(span, min_periods=span, adjust=False).mean(), as ta.EMAIndicator computes it)', () => {
  it('gives NaN until `span` values, like min_periods=span', () => {
    expect(ema([1, 2, 3, 4], 3)).toEqual([Number.NaN, Number.NaN, 2.25, 3.125]);
  });

  it('seeds from the first value, not from an SMA (adjust=False)', () => {
    // alpha = 1/(1 + (3−1)/2) = 0.5: 10 → 5 → 2.5. An SMA seed would give 10/3 at index 2.
    expect(ema([10, 0, 0], 3)[2]).toBe(2.5);
    // adjust=True would weight 1, 0.5, 0.25 and give 10·0.25/1.75 ≈ 1.43: not what the original used.
    expect(ema([10, 0, 0], 3)[2]).not.toBeCloseTo(10 * 0.25 / 1.75, 3);
  });

  it('follows y = ((1−α)·y + α·x) / ((1−α) + α) with α = 1/(1 + (span−1)/2)', () => {
    const closes = [0.41, 0.4123, 0.39, 0.405, 0.42, 0.433, 0.401];
    const alpha = 1 / (1 + (5 - 1) / 2);
    let y = closes[0]!;
    for (const x of closes.slice(1)) y = y === x ? y : ((1 - alpha) * y + alpha * x) / (1 - alpha + alpha);
    expect(lastEma(closes, 5)).toBe(y);
    expect(lastEma(closes, 5)).toBeCloseTo(2 / 6 * 0.401 + 4 / 6 * ema(closes, 5)[5]!, 15);
  });

  it('keeps a constant series exactly constant (pandas skips the update when y == x)', () => {
    expect(lastEma(new Array(120).fill(0.1), 60)).toBe(0.1);
  });

  it('has no value with fewer closes than the span', () => {
    expect(lastEma([1, 2, 3], 4)).toBeNull();
    expect(lastEma([1, 2, 3, 4], 4)).not.toBeNull();
    expect(() => ema([1], 0)).toThrow(RangeError);
  });
});
