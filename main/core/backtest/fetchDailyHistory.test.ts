import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMexcSim, type MexcSim } from '../../../test/mexc-sim/index';
import { createSimMexcClient } from '../../../test/support/createSimMexcClient';
import { CCXT_MEXC_KLINE_WINDOW, fetchDailyHistory, type DailyHistoryClient } from './fetchDailyHistory';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 25, 9);
const TODAY = Date.UTC(2026, 10, 25);

/** MEXC as ccxt sees it: [since, since + 500 days], nothing before `listedAt`, nothing after today. */
function exchangeListedOn(listedAt: number): DailyHistoryClient & { calls: number[] } {
  const calls: number[] = [];
  return {
    calls,
    fetchOHLCV: async (_symbol, _timeframe, { since = 0 }) => {
      calls.push(since);
      const rows: number[][] = [];
      for (let t = Math.max(since, listedAt); t <= Math.min(since + CCXT_MEXC_KLINE_WINDOW * DAY, TODAY); t += DAY) rows.push([t, 1, 1, 1, 1, 1]);
      return rows;
    },
  };
}

describe('fetchDailyHistory', () => {
  it('pages forward until today, with no duplicate or missing day', async () => {
    const client = exchangeListedOn(0);
    const history = await fetchDailyHistory({ client, symbol: 'QRL/USDT', days: 3650, warmup: 120, now: NOW });
    expect(history.candles).toHaveLength(3770);
    expect(history.candles.every((candle, i) => i === 0 || candle[0] - history.candles[i - 1]![0] === DAY)).toBe(true);
    expect(history.candles.at(-1)![0]).toBe(TODAY);
    expect(history).toMatchObject({ requestedDays: 3650, usedDays: 3650, startAt: TODAY - 3649 * DAY, note: null });
    expect(history.requests).toBe(Math.ceil(3770 / CCXT_MEXC_KLINE_WINDOW));
  });

  it('starts at the first candle MEXC has and says plainly how many days were used', async () => {
    const listedAt = Date.UTC(2022, 0, 1);
    const history = await fetchDailyHistory({ client: exchangeListedOn(listedAt), symbol: 'QRL/USDT', days: 3650, warmup: 120, now: NOW });
    const available = (TODAY - listedAt) / DAY + 1;
    expect(history.candles[0]![0]).toBe(listedAt);
    expect(history.usedDays).toBe(available - 120);
    expect(history.startAt).toBe(listedAt + 120 * DAY);
    expect(history.note).toBe(`Asked for 3650 days; MEXC's daily history for this market starts on 2022-01-01, so ${available - 120} days were used, after 120 days to warm the EMAs up.`);
  });

  it('says so when MEXC has no candle at all', async () => {
    const history = await fetchDailyHistory({ client: exchangeListedOn(TODAY + DAY), symbol: 'QRL/USDT', days: 60, warmup: 120, now: NOW });
    expect(history).toMatchObject({ candles: [], startAt: null, usedDays: 0, note: 'MEXC returned no daily candles for this market: nothing to backtest.' });
  });
});

describe('fetchDailyHistory on the simulator (the real client: cache, rate limiter, ccxt)', () => {
  let sim: MexcSim;
  beforeAll(async () => {
    sim = await startMexcSim({ startTime: NOW });
  });
  afterAll(() => sim?.close());

  it('really uses more than 1000 daily candles for a 3650-day request', async () => {
    const { client } = createSimMexcClient(sim);
    const history = await fetchDailyHistory({ client, symbol: 'QRL/USDT', days: 3650, warmup: 120, now: NOW });
    expect(history.candles.length).toBeGreaterThan(1000);
    const klineCalls = sim.requestLog.filter((entry) => entry.path === '/api/v3/klines');
    expect(klineCalls.length).toBe(history.requests);
    expect(history.requests).toBeGreaterThan(1);
    // what was used is what is reported: the period's days, each once, ending today
    expect(history.usedDays).toBe(history.candles.filter((candle) => candle[0] >= history.startAt!).length);
    expect(new Set(history.candles.map((candle) => candle[0])).size).toBe(history.candles.length);
    expect(history.candles.at(-1)![0]).toBe(TODAY);
    if (history.usedDays < 3650) expect(history.note).toMatch(/^Asked for 3650 days; /);
    else expect(history.note).toBeNull();
  }, 60_000);
});
