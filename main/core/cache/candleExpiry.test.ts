import { describe, expect, it } from 'vitest';
import { candleSeriesExpiry, formingCandleRefreshMs } from './candleExpiry';

const DAY = 86_400_000;
const midnight = Date.UTC(2026, 10, 25);

describe('candle series expiry', () => {
  it('refreshes the forming daily candle every 15 minutes', () => {
    expect(formingCandleRefreshMs(DAY)).toBe(15 * 60_000);
    expect(candleSeriesExpiry(midnight + 3_600_000, midnight, DAY, DAY)).toBe(midnight + 3_600_000 + 15 * 60_000);
  });

  it('expires exactly at the close of the newest candle when that comes first', () => {
    const now = midnight + DAY - 60_000;
    expect(candleSeriesExpiry(now, midnight, DAY, DAY)).toBe(midnight + DAY);
  });

  it('never outlives the TTL', () => {
    expect(candleSeriesExpiry(midnight, midnight, DAY, 60)).toBe(midnight + 60);
  });

  it('falls back to the TTL for an empty series', () => {
    expect(candleSeriesExpiry(midnight, undefined, DAY, 5_000)).toBe(midnight + 5_000);
  });
});
