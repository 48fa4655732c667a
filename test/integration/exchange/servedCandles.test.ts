import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRealTimers } from '../../../main/core/clock';
import { ExchangeRequestError } from '../../../main/core/exchange/ExchangeRequestError';
import { startMexcSim, type MexcSim } from '../../mexc-sim/index';
import { untilTrue } from '../../support/eventLoopTurns';
import { clientOnSim, upstream } from './clientOnSim';

const START = Date.UTC(2026, 10, 25, 1, 0, 0);
const SYMBOL = 'QRL/USDT';
const DAILY = { limit: 30 };

/**
 * Issue 17 at the client: a candle series says when MEXC gave it and whether
 * it is still current, so the chart never says "Live" over rows a cache kept
 * through an outage.
 */
describe('MexcClient.fetchOHLCVServed: candles dated by MEXC, stale while MEXC fails', () => {
  let sim: MexcSim;
  beforeEach(async () => {
    sim = await startMexcSim({ startTime: START });
  });
  afterEach(() => sim.close());

  it('serves the cached series during a 5xx outage as stale with the time MEXC answered it, and as current once MEXC answers again', async () => {
    const { client } = clientOnSim(sim, { keys: null });
    const first = await client.fetchOHLCVServed(SYMBOL, '1d', DAILY);
    expect(first).toMatchObject({ fetchedAt: sim.clock.now(), stale: false });
    expect(first.rows).toHaveLength(30);

    sim.clock.advance(5 * 60_000);
    sim.faults.inject({ kind: '5xx-before', times: Infinity });
    // A refresh fails (after its retries): MEXC is out, the breaker still closed.
    await expect(client.fetchTicker(SYMBOL)).rejects.toBeInstanceOf(ExchangeRequestError);
    expect(client.breaker.state).toBe('closed');
    expect(await client.fetchOHLCVServed(SYMBOL, '1d', DAILY)).toEqual({ rows: first.rows, fetchedAt: first.fetchedAt, stale: true });
    // More failures open the breaker: still the cached rows, still stale, still dated by MEXC's answer.
    while (client.breaker.state === 'closed') await expect(client.fetchTicker(SYMBOL)).rejects.toBeInstanceOf(ExchangeRequestError);
    const duringOpen = await client.fetchOHLCVServed(SYMBOL, '1d', DAILY);
    expect(duringOpen).toEqual({ rows: first.rows, fetchedAt: first.fetchedAt, stale: true });
    expect(sim.clock.now() - duringOpen.fetchedAt).toBeGreaterThanOrEqual(5 * 60_000);
    expect(upstream(sim, '/api/v3/klines')).toBe(1);

    // MEXC answers again: the half-open probe closes the breaker, and the cached series is current again (within its 15 min).
    sim.faults.clear();
    sim.clock.advance(30_000);
    await client.fetchTicker(SYMBOL);
    expect(client.breaker.state).toBe('closed');
    expect(await client.fetchOHLCVServed(SYMBOL, '1d', DAILY)).toEqual({ rows: first.rows, fetchedAt: first.fetchedAt, stale: false });
    // Past the forming candle's 15 minutes the series is read again and dated anew.
    sim.clock.set(first.fetchedAt + 15 * 60_000);
    const refreshed = await client.fetchOHLCVServed(SYMBOL, '1d', DAILY);
    expect(refreshed).toMatchObject({ fetchedAt: sim.clock.now(), stale: false });
    expect(upstream(sim, '/api/v3/klines')).toBe(2);
  });

  it('fails once the cached series has expired during the outage, rather than serve it with an age nobody vouches for', async () => {
    const { client } = clientOnSim(sim, { keys: null });
    const first = await client.fetchOHLCVServed(SYMBOL, '1d', DAILY);
    sim.faults.inject({ kind: '5xx-before', times: Infinity });
    sim.clock.set(first.fetchedAt + 15 * 60_000);
    await expect(client.fetchOHLCVServed(SYMBOL, '1d', DAILY)).rejects.toBeInstanceOf(ExchangeRequestError);
    expect(client.breaker.failing).toBe(true);
  });

  describe('on the kline stream', () => {
    let timers: ReturnType<typeof createRealTimers>;
    beforeEach(() => {
      // Real timers a hundred times faster: pings every 200 ms, the first reconnect after 10 ms.
      timers = createRealTimers({ speedUp: 100 });
    });
    afterEach(() => timers.clearAll());

    it('dates the series by the newest push while the stream is live; with the stream and REST both down (maintenance) the cached series is stale; live again after', async () => {
      const { client } = clientOnSim(sim, { keys: null, streams: { timers } });
      try {
        await client.loadMarkets();
        const overRest = await client.fetchOHLCVServed(SYMBOL, '1d', DAILY); // REST, and the Day1 channel subscribes
        expect(overRest).toMatchObject({ fetchedAt: sim.clock.now(), stale: false });
        await untilTrue(() => client.streams!.formingCandle('QRLUSDT', 'Day1') !== null, 'the daily candle pushed');
        sim.clock.advance(60_000);
        await untilTrue(() => client.streams!.formingCandle('QRLUSDT', 'Day1')?.asOf === sim.clock.now(), 'the minute pushed');
        expect(await client.fetchOHLCVServed(SYMBOL, '1d', DAILY)).toMatchObject({ fetchedAt: sim.clock.now(), stale: false });

        // MEXC goes into maintenance: REST answers 503, the stream drops and reconnects are refused.
        sim.faults.inject({ kind: 'maintenance', times: Infinity });
        sim.ws.dropAll();
        await untilTrue(() => client.streams!.formingCandle('QRLUSDT', 'Day1') === null, 'the stream down');
        sim.clock.advance(60_000);
        await expect(client.fetchTicker(SYMBOL)).rejects.toBeInstanceOf(ExchangeRequestError);
        expect(await client.fetchOHLCVServed(SYMBOL, '1d', DAILY)).toEqual({ rows: overRest.rows, fetchedAt: overRest.fetchedAt, stale: true });

        // Maintenance over: the stream reconnects and vouches for the forming candle again.
        sim.faults.clear();
        await untilTrue(() => client.streams!.formingCandle('QRLUSDT', 'Day1') !== null, 'the stream back');
        expect(await client.fetchOHLCVServed(SYMBOL, '1d', DAILY)).toMatchObject({ fetchedAt: client.streams!.formingCandle('QRLUSDT', 'Day1')!.asOf, stale: false });
      } finally {
        client.close();
      }
    });
  });
});
