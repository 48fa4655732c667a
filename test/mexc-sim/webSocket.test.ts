import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMexcSim, type MexcSim } from './index';
import { ccxtPro, KEYS, rawSocket, subscribed } from './wsTestClients';

const START = Date.UTC(2026, 10, 25, 1, 0, 0);
describe('the simulator speaks MEXC Spot WebSocket (protobuf pushes)', () => {
  let sim: MexcSim;
  beforeEach(async () => {
    sim = await startMexcSim({ startTime: START });
    sim.accounts.addApiKey({ ...KEYS, balances: { USDT: '1000' } });
  });
  afterEach(() => sim.close());

  it('answers PING, acknowledges a subscription by echoing the channel, and blocks an unknown one', async () => {
    const { socket, texts, next } = await rawSocket(sim.ws.url);
    socket.send(JSON.stringify({ method: 'PING' }));
    socket.send(JSON.stringify({ method: 'SUBSCRIPTION', params: ['spot@public.aggre.bookTicker.v3.api.pb@100ms@QRLUSDT'] }));
    socket.send(JSON.stringify({ method: 'SUBSCRIPTION', params: ['spot@public.aggre.bookTicker.v3.api.pb@100ms@qrlusdt'] }));
    await next(texts, 3);
    expect(texts[0]).toEqual({ id: 0, code: 0, msg: 'PONG' });
    expect(texts[1]).toEqual({ id: 0, code: 0, msg: 'spot@public.aggre.bookTicker.v3.api.pb@100ms@QRLUSDT' });
    expect((texts[2] as { msg: string }).msg).toMatch(/^Not Subscribed successfully!/);
    socket.close();
  });

  it('ccxt pro decodes its book ticker, deals and limit depth pushes, equal to the REST answers at the same time', async () => {
    const exchange = await ccxtPro(sim);
    const firstTicker = exchange.watchTicker('QRL/USDT');
    await subscribed(sim, 1);
    await firstTicker; // the push at subscription
    const tickerPromise = exchange.watchTicker('QRL/USDT');
    const tradesPromise = exchange.watchTrades('QRL/USDT');
    await subscribed(sim, 2);
    // The tape is clustered: a quiet half minute has no trade. Move on a minute that has some; the book moves too.
    expect(sim.state.paths.get('QRLUSDT')!.trades(sim.clock.now() + 1, sim.clock.now() + 60_000, 1)).toHaveLength(1);
    sim.clock.advance(60_000);
    const [ticker, trades] = await Promise.all([tickerPromise, tradesPromise]);
    const rest = await exchange.fetchOrderBook('QRL/USDT', 5);
    expect(ticker.bid).toBe(rest.bids[0]![0]);
    expect(ticker.ask).toBe(rest.asks[0]![0]);
    expect(trades.length).toBeGreaterThan(0);
    const restTrades = await exchange.fetchTrades('QRL/USDT', undefined, 10);
    const last = trades.at(-1)!;
    expect(restTrades.some((t) => t.timestamp === last.timestamp && t.price === last.price && t.amount === last.amount)).toBe(true);
    await exchange.close();
  });

  it('pushes a full limit-depth book that matches GET /api/v3/depth, and only when it changed', async () => {
    const { socket, texts, pushes, next } = await rawSocket(sim.ws.url);
    socket.send(JSON.stringify({ method: 'SUBSCRIPTION', params: ['spot@public.limit.depth.v3.api.pb@QRLUSDT@20'] }));
    await next(pushes, 1);
    const rest = (await (await fetch(`${sim.url}/api/v3/depth?symbol=QRLUSDT&limit=20`)).json()) as { lastUpdateId: number; bids: string[][]; asks: string[][] };
    const first = pushes[0]!.publicLimitDepths!;
    expect(first.version).toBe(String(rest.lastUpdateId));
    expect(first.bids.map((l) => [l.price, l.quantity])).toEqual(rest.bids);
    expect(first.asks.map((l) => [l.price, l.quantity])).toEqual(rest.asks);
    sim.clock.advance(0); // the clock "moves" without the book changing: nothing new is pushed
    socket.send(JSON.stringify({ method: 'PING' }));
    await next(texts, 2);
    expect(pushes).toHaveLength(1);
    socket.close();
  });

  it('a listenKey connection pushes account changes as absolute available and frozen amounts; a bad key is refused', async () => {
    const { listenKey } = (await (await ccxtPro(sim, KEYS)).spotPrivatePostUserDataStream()) as { listenKey: string };
    await expect(rawSocket(`${sim.ws.url}?listenKey=nope`)).rejects.toThrow(/401/);
    const { socket, texts, pushes, next } = await rawSocket(`${sim.ws.url}?listenKey=${listenKey}`);
    socket.send(JSON.stringify({ method: 'SUBSCRIPTION', params: ['spot@private.account.v3.api.pb'] }));
    socket.send(JSON.stringify({ method: 'PING' }));
    await next(texts, 2); // a push owed at subscription would arrive before the PONG
    expect(texts[0]).toEqual({ id: 0, code: 0, msg: 'spot@private.account.v3.api.pb' });
    expect(pushes).toHaveLength(0); // nothing changed yet
    const trader = await ccxtPro(sim, KEYS);
    await trader.createOrder('QRL/USDT', 'limit', 'buy', 100, 0.1);
    sim.clock.advance(1);
    await next(pushes, 1);
    expect(pushes[0]!.privateAccount).toMatchObject({ vcoinName: 'USDT', balanceAmount: '990', frozenAmount: '10', balanceAmountChange: '-10', frozenAmountChange: '10' });
    socket.close();
  });

  it('ccxt pro watchBalance decodes the account push', async () => {
    const exchange = await ccxtPro(sim, KEYS);
    const balancePromise = exchange.watchBalance();
    await subscribed(sim, 1);
    await exchange.createOrder('QRL/USDT', 'limit', 'buy', 100, 0.1);
    sim.clock.advance(1);
    const balance = await balancePromise;
    expect(balance.USDT).toMatchObject({ free: 990, used: 10 });
    await exchange.close();
  });

  it('drops every connection on demand and refuses new ones during an outage', async () => {
    const { socket } = await rawSocket(sim.ws.url);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    expect(sim.ws.connections).toBe(1);
    sim.ws.dropAll();
    await closed;
    sim.ws.refuse = true;
    await expect(rawSocket(sim.ws.url)).rejects.toThrow(/503/);
    sim.ws.refuse = false;
    (await rawSocket(sim.ws.url)).socket.close();
  });
});
