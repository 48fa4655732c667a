import { afterEach, describe, expect, it } from 'vitest';
import { startEngineWebHost, type EngineWebHost } from '../support/startEngineWebHost';
import { VirtualTime } from '../support/VirtualTime';

const DAILY = { timeframe: '1d', limit: 30 } as const;

/**
 * Issue 17 at the engine: getCandles tells the truth about what it serves, so
 * the chart's badge needs nothing but the answer (no guessing from the breaker
 * or the ticker's age in the renderer).
 */
describe('getCandles through the real engine, client and simulator: dated by MEXC, stale during an outage', () => {
  let engine: EngineWebHost;
  afterEach(() => engine?.close());

  it('answers the cached candles stale with the time MEXC gave them while every endpoint fails, and live again after recovery', async () => {
    const time = new VirtualTime(Date.UTC(2026, 10, 25, 9));
    engine = await startEngineWebHost({ time });
    await time.advance(1_000);
    const before = await engine.service.handlers.getCandles(DAILY);
    expect(before).toMatchObject({ fetchedAt: time.now(), stale: false });
    expect(before.candles).toHaveLength(30);

    engine.sim.faults.inject({ kind: '5xx-before', times: Infinity });
    await time.advance(60_000); // the feeds' polls fail, retries fail, the breaker opens
    expect(engine.service.snapshot().apiHealth!.breaker).toBe('open');
    const during = await engine.service.handlers.getCandles(DAILY);
    expect(during).toEqual({ ...before, stale: true });
    expect(time.now() - during.fetchedAt).toBeGreaterThanOrEqual(60_000);

    engine.sim.faults.clear();
    await time.advance(60_000); // the half-open probe succeeds
    expect(engine.service.snapshot().apiHealth!.breaker).toBe('closed');
    expect(await engine.service.handlers.getCandles(DAILY)).toEqual({ ...before, stale: false });
    // Once the forming candle's 15 minutes are up the candles are read again, dated now.
    await time.advance(15 * 60_000);
    expect(await engine.service.handlers.getCandles(DAILY)).toMatchObject({ fetchedAt: time.now(), stale: false });
  });
});
