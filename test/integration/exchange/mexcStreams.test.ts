import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRealTimers } from '../../../main/core/clock';
import type { MexcClient } from '../../../main/core/exchange/MexcClient';
import { startMexcSim, type MexcSim } from '../../mexc-sim/index';
import { untilTrue } from '../../support/eventLoopTurns';
import { clientOnSim, TEST_KEYS as keys, upstream } from './clientOnSim';

const START = Date.UTC(2026, 10, 25, 1, 0, 0);
const SYMBOL = 'QRL/USDT';

const restCalls = (sim: MexcSim) => sim.requestLog.length;

describe('MexcClient on MEXC push streams (the simulator WebSocket)', () => {
  let sim: MexcSim;
  let client: MexcClient;
  let timers: ReturnType<typeof createRealTimers>;
  beforeEach(async () => {
    sim = await startMexcSim({ startTime: START });
    sim.accounts.addApiKey({ ...keys, balances: { USDT: '1000', QRL: '100' } });
    // Real timers a hundred times faster: pings every 200 ms, the first reconnect after 10 ms.
    timers = createRealTimers({ speedUp: 100 });
    ({ client } = clientOnSim(sim, { streams: { timers } }));
  });
  afterEach(async () => {
    client.close();
    timers.clearAll();
    await sim.close();
  });

  /** First reads go to REST (markets load, subscriptions start); then wait for the streams to vouch. */
  async function streaming() {
    await client.loadMarkets();
    await client.fetchTicker(SYMBOL);
    await untilTrue(
      () => client.streams!.bookTicker('QRLUSDT') !== null && client.streams!.depth('QRLUSDT') !== null && client.streams!.formingCandle('QRLUSDT', 'Min5') !== null,
      'book ticker, depth and 5-minute klines pushed',
    );
    await client.fetchTicker(SYMBOL); // the 24 h statistics: one REST seed of 5-minute candles, pushes after it
  }

  /** Move the clock a minute at a time (each minute's pushes arrive before the next). */
  async function minutes(count: number) {
    for (let i = 0; i < count; i++) {
      sim.clock.advance(60_000);
      await untilTrue(() => client.streams!.formingCandle('QRLUSDT', 'Min5')?.asOf === sim.clock.now(), 'the minute pushed');
    }
  }

  const restTicker = async () => (await (await fetch(`${sim.url}/api/v3/ticker/24hr?symbol=QRLUSDT`)).json()) as Record<string, string>;

  it('serves ticker and order book from the stream without a request, equal to what REST says at that moment', async () => {
    await streaming();
    sim.clock.advance(60_000);
    await untilTrue(() => client.streams!.depth('QRLUSDT')?.receivedAt === sim.clock.now(), 'the moved book pushed');
    const before = restCalls(sim);
    const [ticker, book] = [await client.fetchTicker(SYMBOL), await client.fetchOrderBook(SYMBOL, 20)];
    expect(restCalls(sim)).toBe(before);
    const rest = (await (await fetch(`${sim.url}/api/v3/depth?symbol=QRLUSDT&limit=20`)).json()) as { bids: string[][]; asks: string[][] };
    expect(book.bids).toEqual(rest.bids.map(([p, q]) => [Number(p), Number(q)]));
    expect(book.asks).toEqual(rest.asks.map(([p, q]) => [Number(p), Number(q)]));
    expect(ticker.bid).toBe(Number(rest.bids[0]![0]));
    expect(ticker.ask).toBe(Number(rest.asks[0]![0]));
    expect(client.health().dataTypes.orderBook).toMatchObject({ fetchedAt: sim.clock.now() }); // data age counts from the push
    expect(client.health().dataTypes.orderBook!.hits).toBeGreaterThan(0);
  });

  it("keeps the 24 h statistics from the 5-minute kline stream after one REST seed: MEXC's rolling window, equal to ticker/24hr", async () => {
    await streaming();
    const [klines, tickers] = [upstream(sim, '/api/v3/klines'), upstream(sim, '/api/v3/ticker/24hr')];
    await minutes(12); // across two 5-minute steps of the window
    const ticker = await client.fetchTicker(SYMBOL);
    expect(upstream(sim, '/api/v3/klines')).toBe(klines);
    expect(upstream(sim, '/api/v3/ticker/24hr')).toBe(tickers);
    const rest = await restTicker();
    expect(ticker).toMatchObject({ open: Number(rest.openPrice), high: Number(rest.highPrice), low: Number(rest.lowPrice), baseVolume: Number(rest.volume) });
    expect(ticker.quoteVolume).toBeCloseTo(Number(rest.quoteVolume), -1); // each candle's quote volume is rounded to cents
    expect(ticker.last).toBe(Number(rest.lastPrice));
    expect(ticker.percentage).toBeCloseTo(Number(rest.priceChangePercent) * 100, 4);
  });

  it('serves the forming daily candle from the kline stream: the closed history is read once, and again only after the day closed', async () => {
    await streaming();
    await client.fetchOHLCV(SYMBOL, '1d', { limit: 120 }); // REST, and the Day1 channel subscribes
    await untilTrue(() => client.streams!.formingCandle('QRLUSDT', 'Day1') !== null, 'the daily candle pushed');
    await client.fetchOHLCV(SYMBOL, '1d', { limit: 120 }); // the closed history under the stream
    const reads = upstream(sim, '/api/v3/klines');
    await minutes(20);
    const candles = await client.fetchOHLCV(SYMBOL, '1d', { limit: 120 });
    expect(upstream(sim, '/api/v3/klines')).toBe(reads);
    const rest = (await (await fetch(`${sim.url}/api/v3/klines?symbol=QRLUSDT&interval=1d&limit=120`)).json()) as (string | number)[][];
    expect(candles).toEqual(rest.map((k) => [k[0], Number(k[1]), Number(k[2]), Number(k[3]), Number(k[4]), Number(k[5])]));
    expect(client.health().dataTypes.ohlcv).toMatchObject({ fetchedAt: sim.clock.now() }); // data age counts from the push
    // The day closes: one REST read brings the closed candle's final values.
    sim.clock.set(Date.UTC(2026, 10, 26, 0, 0, 30));
    await untilTrue(() => client.streams!.formingCandle('QRLUSDT', 'Day1')?.openTime === Date.UTC(2026, 10, 26), 'the new day pushed');
    const nextDay = await client.fetchOHLCV(SYMBOL, '1d', { limit: 120 });
    await client.fetchOHLCV(SYMBOL, '1d', { limit: 120 });
    expect(upstream(sim, '/api/v3/klines')).toBe(reads + 2); // the check above, and the one read after the close
    const restNextDay = (await (await fetch(`${sim.url}/api/v3/klines?symbol=QRLUSDT&interval=1d&limit=2`)).json()) as (string | number)[][];
    expect(nextDay.slice(-2).map((k) => [k[0], k[4]])).toEqual(restNextDay.map((k) => [k[0], Number(k[4])]));
  });

  it('serves trades as one REST seed plus pushed deals, newest last, no duplicates', async () => {
    await streaming();
    await client.fetchTrades(SYMBOL, 50); // the seed
    const seeded = upstream(sim, '/api/v3/aggTrades') + upstream(sim, '/api/v3/trades');
    const before = sim.clock.now();
    sim.clock.advance(60_000); // a minute of the simulator's tape: clustered public trades
    const tape = sim.state.paths.get('QRLUSDT')!.trades(before + 1, sim.clock.now(), 1000);
    expect(tape.length).toBeGreaterThan(0);
    await untilTrue(() => (client.streams!.dealsSince('QRLUSDT')?.length ?? 0) >= Math.min(tape.length, 50), 'the minute\'s deals pushed');
    const trades = await client.fetchTrades(SYMBOL, 50);
    expect(upstream(sim, '/api/v3/aggTrades') + upstream(sim, '/api/v3/trades')).toBe(seeded);
    expect(trades.at(-1)!.timestamp).toBe(tape.at(-1)!.time);
    const keysSeen = trades.map((t) => `${t.timestamp}:${t.price}:${t.amount}`);
    expect(new Set(keysSeen).size).toBe(keysSeen.length);
    expect(trades.map((t) => t.timestamp)).toEqual([...trades.map((t) => t.timestamp)].sort((a, b) => a! - b!));
  });

  it('keeps the balance current from account pushes after one snapshot', async () => {
    await client.loadMarkets();
    await client.fetchBalance(); // REST, and the user stream starts
    await untilTrue(() => client.streams!.accountLive, 'account stream subscribed');
    await client.fetchBalance(); // the snapshot under the live stream
    const accountReads = upstream(sim, '/api/v3/account');
    // An order placed on the same account from elsewhere (another app, the website) locks funds: MEXC pushes it.
    await clientOnSim(sim).client.createOrder({ symbol: SYMBOL, type: 'limit', side: 'buy', amount: 100, price: 0.1, clientOrderId: 'elsewhere-1' });
    sim.clock.advance(1);
    let balance = await client.fetchBalance();
    await untilTrue(async () => (balance = await client.fetchBalance()).USDT?.used === 10, 'the locked funds pushed');
    expect(balance.USDT).toMatchObject({ free: 990, used: 10, total: 1000 });
    expect(upstream(sim, '/api/v3/account')).toBe(accountReads);
  });

  it('tells at once when an order of the account changes or fills (the cue to read fills now, not in 15 s)', async () => {
    let told = 0;
    const watched = clientOnSim(sim, { streams: { timers }, onAccountActivity: () => told++ }).client;
    await watched.loadMarkets();
    await watched.fetchBalance(); // the user stream starts with the first balance read
    await untilTrue(() => watched.streams!.accountLive, 'account stream subscribed');
    expect(told).toBe(0);
    const market = clientOnSim(sim).client;
    await market.createOrder({ symbol: SYMBOL, type: 'market', side: 'buy', amount: 20, clientOrderId: 'pushed-fill-1' });
    sim.clock.advance(1);
    await untilTrue(() => told >= 2, 'the order and its fill pushed');
    watched.close();
  });

  it('falls back to REST while the stream is down, with no error to the caller, and streams again after reconnecting', async () => {
    await streaming();
    sim.ws.refuse = true;
    sim.ws.dropAll();
    await untilTrue(() => client.streams!.bookTicker('QRLUSDT') === null, 'the drop noticed');
    const before = upstream(sim, '/api/v3/depth');
    await expect(client.fetchOrderBook(SYMBOL, 20)).resolves.toMatchObject({ symbol: SYMBOL });
    expect(upstream(sim, '/api/v3/depth')).toBe(before + 1);
    sim.ws.refuse = false;
    await untilTrue(() => client.streams!.depth('QRLUSDT') !== null, 'reconnected and resubscribed');
    expect(client.streams!.reconnects).toBeGreaterThan(0);
    const afterReconnect = upstream(sim, '/api/v3/depth');
    await client.fetchOrderBook(SYMBOL, 20);
    expect(upstream(sim, '/api/v3/depth')).toBe(afterReconnect);
  });

  it('without a WebSocket URL it is REST only, as before', async () => {
    const restOnly = clientOnSim(sim).client;
    expect(restOnly.streams).toBeNull();
    await restOnly.fetchOrderBook(SYMBOL, 20);
    await restOnly.fetchOrderBook(SYMBOL, 20);
    expect(upstream(sim, '/api/v3/depth')).toBe(1);
    expect(sim.ws.connections).toBe(0);
  });
});
