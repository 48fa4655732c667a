import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMexcSim, type MexcSim } from './index';
import { KLINE_INTERVALS, type KlineInterval } from './wsChannels';
import { ccxtPro, KEYS, rawSocket, subscribed } from './wsTestClients';

const START = Date.UTC(2026, 10, 25, 1, 0, 0);
const MINUTE = 60_000;

interface RestDepth {
  lastUpdateId: number;
  bids: string[][];
  asks: string[][];
}

describe('the simulator pushes klines, diff depth and the private orders and deals channels', () => {
  let sim: MexcSim;
  beforeEach(async () => {
    sim = await startMexcSim({ startTime: START });
    sim.accounts.addApiKey({ ...KEYS, balances: { USDT: '1000' } });
  });
  afterEach(() => sim.close());

  /** Waits (bounded, by `next`) until a kline push for the window starting at `windowStart` (seconds) arrived. */
  async function untilPushFor(pushes: { publicSpotKline?: { windowStart: number } }[], next: (list: unknown[], count: number) => Promise<unknown>, windowStart: number) {
    while (!pushes.some((p) => p.publicSpotKline?.windowStart === windowStart)) await next(pushes, pushes.length + 1);
  }

  const restJson = async <T>(path: string): Promise<T> => (await (await fetch(`${sim.url}${path}`)).json()) as T;

  it('ccxt pro decodes the Day1 kline push: the forming daily candle equals the newest REST daily candle at the same moment', async () => {
    const exchange = await ccxtPro(sim);
    const watching = exchange.watchOHLCV('QRL/USDT', '1d');
    await subscribed(sim, 1);
    sim.clock.advance(5 * MINUTE);
    const pushed = (await watching).at(-1)!;
    const rest = (await exchange.fetchOHLCV('QRL/USDT', '1d', undefined, 2)).at(-1)!;
    expect(pushed).toEqual(rest.slice(0, 6));
    await exchange.close();
  });

  it('pushes every kline interval with window start and end in seconds, each equal to the REST candle of the same window', async () => {
    const { texts, pushes, next, send, socket } = await rawSocket(sim.ws.url);
    const intervals = Object.keys(KLINE_INTERVALS) as KlineInterval[];
    send({ method: 'SUBSCRIPTION', params: intervals.map((i) => `spot@public.kline.v3.api.pb@QRLUSDT@${i}`) });
    await next(pushes, intervals.length);
    expect(texts).toHaveLength(1);
    for (const interval of intervals) {
      const body = pushes.find((p) => p.publicSpotKline?.interval === interval)!.publicSpotKline!;
      expect(body.windowStart).toBeLessThanOrEqual(START / 1000);
      expect(body.windowEnd).toBeGreaterThan(START / 1000);
      const rest = KLINE_INTERVALS[interval];
      if (rest === null) {
        expect(body.windowEnd - body.windowStart).toBe(8 * 3600); // Hour8: no REST twin
        continue;
      }
      const [candle] = await restJson<(string | number)[][]>(`/api/v3/klines?symbol=QRLUSDT&interval=${rest}&limit=1`);
      expect([body.windowStart * 1000, body.openingPrice, body.highestPrice, body.lowestPrice, body.closingPrice, body.volume, body.windowEnd * 1000, body.amount]).toEqual(candle);
    }
    socket.close();
  });

  it("when the clock passes a window's end, pushes that window's final state (its last trades included) before the next window", async () => {
    const { pushes, next, send, socket } = await rawSocket(sim.ws.url);
    send({ method: 'SUBSCRIPTION', params: ['spot@public.kline.v3.api.pb@QRLUSDT@Min5'] });
    await next(pushes, 1);
    const firstWindow = pushes[0]!.publicSpotKline!.windowStart;
    sim.clock.advance(4 * MINUTE); // the window's last minute, still forming
    sim.clock.advance(MINUTE); // past its end
    await untilPushFor(pushes, next, firstWindow + 300);
    const closedPushes = pushes.filter((p) => p.publicSpotKline?.windowStart === firstWindow);
    const [closed] = await restJson<(string | number)[][]>(`/api/v3/klines?symbol=QRLUSDT&interval=5m&startTime=${firstWindow * 1000}&limit=1`);
    const last = closedPushes.at(-1)!.publicSpotKline!;
    expect([last.windowStart * 1000, last.openingPrice, last.highestPrice, last.lowestPrice, last.closingPrice, last.volume, last.windowEnd * 1000, last.amount]).toEqual(closed);
    socket.close();
  });

  it('diff depth: versions follow on without gaps, and a REST snapshot plus the diffs after it is the REST book later', async () => {
    const { pushes, next, send, socket } = await rawSocket(sim.ws.url);
    send({ method: 'SUBSCRIPTION', params: ['spot@public.aggre.depth.v3.api.pb@100ms@QRLUSDT'] });
    await subscribed(sim, 1);
    const snapshot = await restJson<RestDepth>('/api/v3/depth?symbol=QRLUSDT&limit=1000');
    // Steps of a minute and a second, so the versions of today's engine grow as MEXC's must.
    for (let step = 1; step <= 3; step++) {
      sim.clock.advance(MINUTE + 1_000);
      await next(pushes, step);
    }
    const diffs = pushes.map((p) => p.publicAggreDepths!);
    expect(Number(diffs[0]!.fromVersion)).toBeLessThanOrEqual(snapshot.lastUpdateId + 1);
    diffs.slice(1).forEach((diff, i) => expect(Number(diff.fromVersion)).toBe(Number(diffs[i]!.toVersion) + 1));
    const book = { bids: new Map(snapshot.bids.map(([p, q]) => [p!, q!])), asks: new Map(snapshot.asks.map(([p, q]) => [p!, q!])) };
    for (const diff of diffs.filter((d) => Number(d.toVersion) > snapshot.lastUpdateId)) {
      for (const [side, levels] of [['bids', diff.bids], ['asks', diff.asks]] as const) {
        for (const { price, quantity } of levels) {
          if (Number(quantity) === 0) book[side].delete(price);
          else book[side].set(price, quantity);
        }
      }
    }
    const later = await restJson<RestDepth>('/api/v3/depth?symbol=QRLUSDT&limit=1000');
    expect(later.lastUpdateId).toBe(Number(diffs.at(-1)!.toVersion));
    const sorted = (side: Map<string, string>, descending: boolean) => [...side].sort((a, b) => (descending ? Number(b[0]) - Number(a[0]) : Number(a[0]) - Number(b[0])));
    expect(sorted(book.bids, true)).toEqual(later.bids);
    expect(sorted(book.asks, false)).toEqual(later.asks);
    socket.close();
  });

  it('ccxt pro watchOrderBook syncs the diff stream from a REST snapshot and matches GET /api/v3/depth', async () => {
    const exchange = await ccxtPro(sim, undefined, { watchOrderBook: { snapshotDelay: 0 } });
    const first = exchange.watchOrderBook('QRL/USDT');
    await subscribed(sim, 1);
    sim.clock.advance(MINUTE + 1_000);
    await first;
    sim.clock.advance(MINUTE + 1_000);
    const book = await exchange.watchOrderBook('QRL/USDT');
    const rest = await exchange.fetchOrderBook('QRL/USDT');
    expect(book.nonce).toBeGreaterThan(0);
    expect(book.bids.slice(0, 20)).toEqual(rest.bids.slice(0, 20));
    expect(book.asks.slice(0, 20)).toEqual(rest.asks.slice(0, 20));
    await exchange.close();
  });

  it('ccxt pro decodes the private orders and deals pushes of a fill, equal to what REST says of the order and the trade', async () => {
    const exchange = await ccxtPro(sim, KEYS);
    const orders = exchange.watchOrders('QRL/USDT');
    const fills = exchange.watchMyTrades('QRL/USDT');
    await subscribed(sim, 2);
    const placed = await exchange.createOrder('QRL/USDT', 'market', 'buy', 20, undefined, { clientOrderId: 'ws-fill-1' });
    sim.clock.advance(1);
    const [order] = await orders;
    const [fill] = await fills;
    const restOrder = await exchange.fetchOrder(placed.id!, 'QRL/USDT');
    const [restFill] = await exchange.fetchMyTrades('QRL/USDT');
    expect(order).toMatchObject({ id: placed.id!, clientOrderId: 'ws-fill-1', status: 'closed', side: 'buy', filled: restOrder.filled, amount: restOrder.amount });
    expect(fill).toMatchObject({ id: restFill!.id, order: placed.id, side: 'buy', price: restFill!.price, amount: restFill!.amount, fee: { cost: restFill!.fee!.cost, currency: restFill!.fee!.currency } });
    await exchange.close();
  });

  it('a resting order pushes once when placed and once when the market trades through it; nothing while it waits', async () => {
    const { listenKey } = (await (await ccxtPro(sim, KEYS)).spotPrivatePostUserDataStream()) as { listenKey: string };
    const { texts, pushes, next, send, socket } = await rawSocket(`${sim.ws.url}?listenKey=${listenKey}`);
    send({ method: 'SUBSCRIPTION', params: ['spot@private.orders.v3.api.pb'] });
    await next(texts, 1);
    const trader = await ccxtPro(sim, KEYS);
    const { last } = await trader.fetchTicker('QRL/USDT');
    const price = Number((last! * 0.999).toFixed(4));
    sim.state.paths.get('QRLUSDT')!.force(last!, sim.clock.now());
    await trader.createOrder('QRL/USDT', 'limit', 'buy', 100, price, { clientOrderId: 'ws-rest-1' });
    sim.clock.advance(MINUTE);
    await next(pushes, 1);
    expect(pushes[0]!.privateOrders).toMatchObject({ clientId: 'ws-rest-1', status: 1, orderType: 1, tradeType: 1, cumulativeQuantity: '0', remainQuantity: '100' });
    sim.clock.advance(MINUTE); // still above the order's price
    send({ method: 'PING' });
    await next(texts, 2);
    expect(pushes).toHaveLength(1);
    sim.state.paths.get('QRLUSDT')!.force(price, sim.clock.now() + 1);
    sim.clock.advance(MINUTE);
    await next(pushes, 2);
    expect(pushes[1]!.privateOrders).toMatchObject({ clientId: 'ws-rest-1', status: 2, cumulativeQuantity: '100', remainQuantity: '0', lastDealQuantity: '100' });
    socket.close();
  });
});
