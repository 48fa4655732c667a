import { afterEach, describe, expect, it } from 'vitest';
import { dec } from './Decimal';
import { startMexcSim, type MexcSim } from './index';
import { MINUTE } from './PricePath';
import { findSymbol } from './symbols';

// Issue #15: the account's own fills are part of the market: they print on the public tape and take liquidity.
const START = Date.UTC(2026, 10, 25, 1);
const QRL = findSymbol('QRLUSDT')!;
const KEYS = { apiKey: 'mx0vOWNFILLKEY001', secret: 'ownfillsecret0000000000000000001' };

interface Depth {
  lastUpdateId: number;
  bids: [string, string][];
  asks: [string, string][];
}
interface Trade {
  price: string;
  qty: string;
  time: number;
  isBuyerMaker: boolean;
}

describe("the account's own fills", () => {
  const sims: MexcSim[] = [];
  afterEach(async () => {
    await Promise.all(sims.splice(0).map((sim) => sim.close()));
  });
  const start = async () => {
    const sim = await startMexcSim({ startTime: START, enforceRateLimit: false });
    sims.push(sim);
    return sim;
  };
  const get = async <T>(sim: MexcSim, path: string) => (await (await fetch(`${sim.url}${path}`)).json()) as T;
  /** Ask quantity up to a price (the book shows a fixed number of levels: a dented one reaches further out). */
  const asksUpTo = (depth: Depth, price: string) => depth.asks.filter(([p]) => dec(p) <= dec(price)).reduce((sum, [, q]) => sum + dec(q), 0n);

  it('a market buy shows in /api/v3/trades and aggTrades, and takes exactly its quantity from the asks', async () => {
    const sim = await start();
    const key = sim.accounts.addApiKey({ ...KEYS, balances: { USDT: '1000' } });
    const now = sim.clock.now();
    const before = await get<Depth>(sim, '/api/v3/depth?symbol=QRLUSDT&limit=5000');
    const order = sim.state.engine.place(key.account, QRL, { symbol: 'QRLUSDT', side: 'BUY', type: 'MARKET', quantity: '400' }, now);
    expect(order.status).toBe('FILLED');
    const fills = key.account.trades.filter((t) => t.orderId === order.orderId);
    expect(fills.length).toBeGreaterThan(0);

    const after = await get<Depth>(sim, '/api/v3/depth?symbol=QRLUSDT&limit=5000');
    const deepest = before.asks.at(-1)![0];
    expect(asksUpTo(before, deepest) - asksUpTo(after, deepest)).toBe(dec('400'));
    expect(dec(after.asks[0]![0])).toBeGreaterThanOrEqual(dec(before.asks[0]![0]));
    expect(after.lastUpdateId).toBeGreaterThan(before.lastUpdateId);

    const tape = await get<Trade[]>(sim, '/api/v3/trades?symbol=QRLUSDT&limit=50');
    const printed = tape.filter((t) => t.time === now && !t.isBuyerMaker);
    expect(printed.map((t) => [dec(t.price), dec(t.qty)])).toEqual(fills.map((f) => [f.price, f.qty]));
    const agg = await get<{ p: string; q: string; T: number; m: boolean }[]>(sim, '/api/v3/aggTrades?symbol=QRLUSDT&limit=50');
    expect(agg.filter((t) => t.T === now && !t.m).reduce((sum, t) => sum + dec(t.q), 0n)).toBe(dec('400'));
  });

  it('the book refills: a minute later it is the book the market would have had without the order', async () => {
    const sim = await start();
    const twin = await start();
    const key = sim.accounts.addApiKey({ ...KEYS, balances: { USDT: '1000' } });
    sim.state.engine.place(key.account, QRL, { symbol: 'QRLUSDT', side: 'BUY', type: 'MARKET', quantity: '400' }, sim.clock.now());
    sim.clock.advance(MINUTE);
    twin.clock.advance(MINUTE);
    const [a, b] = [await get<Depth>(sim, '/api/v3/depth?symbol=QRLUSDT&limit=200'), await get<Depth>(twin, '/api/v3/depth?symbol=QRLUSDT&limit=200')];
    expect(a.asks).toEqual(b.asks);
    expect(a.bids).toEqual(b.bids);
  });

  it('a resting buy that the market trades through prints on the tape as the maker side', async () => {
    const sim = await start();
    const key = sim.accounts.addApiKey({ ...KEYS, balances: { USDT: '1000' } });
    const path = sim.state.paths.get('QRLUSDT')!;
    const price = (path.priceAt(sim.clock.now()) * 0.97).toFixed(4);
    const order = sim.state.engine.place(key.account, QRL, { symbol: 'QRLUSDT', side: 'BUY', type: 'LIMIT', quantity: '20', price }, sim.clock.now());
    expect(order.status).toBe('NEW');
    path.force(Number(price) - 0.001, sim.clock.now() + 1);
    sim.clock.advance(MINUTE);
    path.force(null, 0);
    expect(order.status).toBe('FILLED');
    const tape = await get<Trade[]>(sim, '/api/v3/trades?symbol=QRLUSDT&limit=100');
    expect(tape.filter((t) => t.time === sim.clock.now() && t.price === price && t.qty === '20.00' && t.isBuyerMaker)).toHaveLength(1);
  });
});
