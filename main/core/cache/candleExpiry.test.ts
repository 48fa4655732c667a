import { describe, expect, it } from 'vitest';
import { CANDLE_EXPIRY_FLOOR_MS, candleSeriesExpiry, formingCandleRefreshMs } from './candleExpiry';

const DAY = 86_400_000;
const MIN = 60_000;
const midnight = Date.UTC(2026, 10, 25);

describe('candle series expiry', () => {
  it('refreshes the forming daily candle every 15 minutes, so today is never a day stale', () => {
    expect(formingCandleRefreshMs(DAY)).toBe(15 * MIN);
    expect(candleSeriesExpiry(midnight + 3_600_000, midnight, DAY, DAY)).toBe(midnight + 3_600_000 + 15 * MIN);
  });

  it('expires exactly at the close of the newest candle when that comes first, so a closed candle is never missed', () => {
    const now = midnight + DAY - MIN;
    expect(candleSeriesExpiry(now, midnight, DAY, DAY)).toBe(midnight + DAY);
  });

  it('never outlives the TTL', () => {
    expect(candleSeriesExpiry(midnight, midnight, DAY, 60)).toBe(midnight + 60);
    expect(candleSeriesExpiry(midnight + 5 * MIN, midnight, 15 * MIN, 30_000)).toBe(midnight + 5 * MIN + 30_000);
  });

  it('falls back to the TTL for an empty series', () => {
    expect(candleSeriesExpiry(midnight, undefined, DAY, 5_000)).toBe(midnight + 5_000);
  });

  it('retries shortly (the floor) when the exchange has not opened the next candle yet', () => {
    const justAfterClose = midnight + DAY + 100;
    expect(candleSeriesExpiry(justAfterClose, midnight, DAY, DAY)).toBe(justAfterClose + CANDLE_EXPIRY_FLOOR_MS);
  });

  it('never sets an expiry sooner than the floor, even a moment before the close', () => {
    const now = midnight + DAY - 10;
    expect(candleSeriesExpiry(now, midnight, DAY, DAY)).toBe(now + CANDLE_EXPIRY_FLOOR_MS);
  });

  it('keeps a series of long-closed candles (a bounded since query) for the whole TTL: history does not change', () => {
    const now = midnight + 10 * DAY;
    expect(candleSeriesExpiry(now, midnight, DAY, DAY)).toBe(now + DAY);
  });
});
