import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMexcSim, type MexcSim } from './index';
import { DAY, PATH_EPOCH } from './PricePath';

/** A market has a first candle: before its listing MEXC's klines answer fewer candles, or none. */
describe('the simulated market was listed at PATH_EPOCH', () => {
  let sim: MexcSim;
  beforeEach(async () => {
    sim = await startMexcSim({ startTime: Date.UTC(2026, 10, 25, 1) });
  });
  afterEach(() => sim.close());

  const klines = async (query: string) => (await (await fetch(`${sim.url}/api/v3/klines?symbol=QRLUSDT&interval=1d&${query}`)).json()) as (string | number)[][];

  it('answers nothing for a window wholly before the listing', async () => {
    expect(await klines(`startTime=${PATH_EPOCH - 400 * DAY}&endTime=${PATH_EPOCH - DAY}&limit=1000`)).toEqual([]);
  });

  it('starts a window that reaches back past the listing at the first candle', async () => {
    const candles = await klines(`startTime=${PATH_EPOCH - 10 * DAY}&limit=20`);
    expect(candles.map((candle) => candle[0])).toEqual(Array.from({ length: 20 }, (_, day) => PATH_EPOCH + day * DAY));
    const newest = await klines(`endTime=${PATH_EPOCH + 4 * DAY}&limit=1000`);
    expect(newest.map((candle) => candle[0])).toEqual([0, 1, 2, 3, 4].map((day) => PATH_EPOCH + day * DAY));
  });
});
