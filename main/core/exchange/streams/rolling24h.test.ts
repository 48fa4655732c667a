import { describe, expect, it } from 'vitest';
import { HeldCandles, type StreamCandle } from './HeldCandles';
import { rolling24h, rollingWindowStart, ROLLING_STEP_MS, ROLLING_WINDOW_MS } from './rolling24h';

const NOW = Date.UTC(2026, 10, 25, 12, 7, 30);
const candle = (openTime: number, price: string, asOf = NOW): StreamCandle => ({ openTime, open: price, high: price, low: price, close: price, volume: '1.5', quoteVolume: '0.3', asOf });

/** Every 5-minute window from the rolling window's start to now (the forming one included), priced 0.2. */
function fullDay(): HeldCandles {
  const held = new HeldCandles();
  for (let open = rollingWindowStart(NOW); open <= NOW; open += ROLLING_STEP_MS) held.put(candle(open, '0.2'));
  return held;
}

describe('rolling24h: MEXC 24 h statistics from 5-minute candles', () => {
  it('opens at the 5-minute boundary at or before now − 24 h and sums every window from there, exactly', () => {
    const held = fullDay();
    held.put({ ...candle(rollingWindowStart(NOW), '0.2'), open: '0.19', low: '0.18' });
    held.put({ ...candle(Math.floor(NOW / ROLLING_STEP_MS) * ROLLING_STEP_MS, '0.2'), high: '0.25', close: '0.21' });
    held.put(candle(rollingWindowStart(NOW) - ROLLING_STEP_MS, '9')); // before the window: left out
    const stats = rolling24h(held, NOW)!;
    expect(stats.openTime).toBe(Date.UTC(2026, 10, 24, 12, 5));
    expect(NOW - stats.openTime).toBeGreaterThanOrEqual(ROLLING_WINDOW_MS);
    expect(stats).toMatchObject({ open: '0.19', high: '0.25', low: '0.18', close: '0.21' });
    expect(stats.volume).toBe((1.5 * 289).toFixed(1)); // 288 closed windows and the forming one
    expect(stats.quoteVolume).toBe('86.7');
  });

  it('cannot vouch with a closed window missing, but can while the forming window has not pushed yet', () => {
    const gap = fullDay();
    gap.dropBefore(rollingWindowStart(NOW) + ROLLING_STEP_MS);
    expect(rolling24h(gap, NOW)).toBeNull();
    const justOpened = fullDay();
    const next = Math.floor(NOW / ROLLING_STEP_MS) * ROLLING_STEP_MS + ROLLING_STEP_MS;
    expect(rolling24h(justOpened, next + 500)).not.toBeNull();
  });

  it('keeps the newer of two readings of one window, whichever arrived last', () => {
    const held = new HeldCandles();
    held.put(candle(0, '0.3', 2_000));
    held.put(candle(0, '0.1', 1_000)); // a REST seed answered after an older push
    expect(held.get(0)!.close).toBe('0.3');
    held.put(candle(0, '0.4', 3_000));
    expect(held.newest()!.close).toBe('0.4');
  });
});
