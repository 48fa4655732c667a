import { describe, expect, it } from 'vitest';
import { HeldCandles, type StreamCandle } from './HeldCandles';

const candle = (openTime: number, close = '1', asOf = openTime): StreamCandle => ({ openTime, open: '1', high: '1', low: '1', close, volume: '0', quoteVolume: '0', asOf });

describe('HeldCandles', () => {
  it('the newest window is the latest open time held, whatever order candles came in', () => {
    const held = new HeldCandles();
    expect(held.newest()).toBeNull();
    for (const open of [300, 100, 200]) held.put(candle(open));
    expect(held.newest()!.openTime).toBe(300);
    held.put(candle(300, '2', 301));
    expect(held.newest()!.close).toBe('2');
  });

  it('drops only windows older than asked, and keeps answering after a drop, even one that empties it', () => {
    const held = new HeldCandles();
    for (const open of [100, 200, 300]) held.put(candle(open));
    held.dropBefore(100);
    expect([100, 200, 300].map((open) => held.get(open) !== undefined)).toEqual([true, true, true]);
    held.dropBefore(250);
    expect([100, 200, 300].map((open) => held.get(open) !== undefined)).toEqual([false, false, true]);
    expect(held.newest()!.openTime).toBe(300);
    held.put(candle(50));
    held.dropBefore(60);
    expect(held.get(50)).toBeUndefined();
    held.dropBefore(1_000);
    expect(held.newest()).toBeNull();
    held.put(candle(900));
    held.put(candle(800));
    expect(held.newest()!.openTime).toBe(900);
    held.dropBefore(850);
    expect([800, 900].map((open) => held.get(open) !== undefined)).toEqual([false, true]);
  });
});
