import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BrokerError } from './Broker';
import { PAPER_WALLET_FILE, PaperBroker } from './PaperBroker';
import { qrlTestMarket } from '../../../test/support/qrlTestMarket';

let now = 1_764_000_000_000;
const clock = { now: () => now };
let dataDir: string;
const market = qrlTestMarket(); // maker 0.1 %, taker 0.2 %
const open = () => PaperBroker.open({ dataDir, market, clock, initialBalances: { USDT: '1000' } });
const buy = (price: string, amount: string, clientOrderId = `c-${price}-${amount}`) => ({ symbol: 'QRL/USDT', side: 'buy' as const, type: 'limit' as const, price, amount, reason: 't', clientOrderId });
const sell = (price: string, amount: string, clientOrderId = `s-${price}-${amount}`) => ({ ...buy(price, amount, clientOrderId), side: 'sell' as const });
const book = { bids: [['0.4090', '1000']] as [string, string][], asks: [['0.4100', '100'], ['0.4110', '200'], ['0.4200', '5000']] as [string, string][], last: '0.4095' };

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'paper-'));
  now = 1_764_000_000_000;
});
afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('PaperBroker', () => {
  it('starts a new wallet from the initial balances', async () => {
    const broker = await open();
    expect(await broker.fetchBalance()).toEqual({ QRL: { free: '0', used: '0', total: '0' }, USDT: { free: '1000', used: '0', total: '1000' } });
    expect(broker.loadProblem).toBeNull();
  });

  it('rests a limit buy below the ask and locks price × amount of USDT', async () => {
    const broker = await open();
    await broker.onMarket(book);
    const order = await broker.placeOrder(buy('0.4000', '125'));
    expect(order).toMatchObject({ id: 'paper-1', clientOrderId: 'c-0.4000-125', status: 'open', filled: '0', remaining: '125', price: '0.4', timestamp: now });
    expect((await broker.fetchBalance()).USDT).toEqual({ free: '950', used: '50', total: '1000' });
    expect(await broker.fetchOpenOrders()).toHaveLength(1);
  });

  it('fills a resting buy as maker at its own price once the market crosses it, fee taken in QRL', async () => {
    const broker = await open();
    await broker.onMarket(book);
    await broker.placeOrder(buy('0.4000', '125'));
    expect(await broker.onMarket({ last: '0.4000' })).toEqual([]); // a touch is not a cross
    now += 60_000;
    const fills = await broker.onMarket({ asks: [['0.3990', '50']], bids: [['0.3980', '10']], last: '0.3995' });
    expect(fills).toEqual([
      { id: 'paper-fill-1', orderId: 'paper-1', clientOrderId: 'c-0.4000-125', symbol: 'QRL/USDT', side: 'buy', price: '0.4', amount: '125', cost: '50', fee: { cost: '0.125', currency: 'QRL' }, takerOrMaker: 'maker', timestamp: now },
    ]);
    expect(await broker.fetchBalance()).toEqual({ QRL: { free: '124.875', used: '0', total: '124.875' }, USDT: { free: '950', used: '0', total: '950' } });
    expect(await broker.fetchOrderByClientId('c-0.4000-125')).toMatchObject({ status: 'closed', filled: '125', remaining: '0', cost: '50', average: '0.4' });
    expect(await broker.fetchOpenOrders()).toEqual([]);
  });

  it('fills a crossing limit buy at once against the ask levels, as taker, refunding the better price', async () => {
    const broker = await open();
    await broker.onMarket(book);
    const order = await broker.placeOrder(buy('0.4110', '250'));
    expect(order).toMatchObject({ status: 'closed', filled: '250', cost: '102.65', average: '0.4106' }); // 100 @ 0.41 + 150 @ 0.411
    const trades = await broker.fetchMyTrades();
    expect(trades.map((t) => [t.price, t.amount, t.fee.cost, t.takerOrMaker])).toEqual([
      ['0.41', '100', '0.2', 'taker'],
      ['0.411', '150', '0.3', 'taker'],
    ]);
    expect(await broker.fetchBalance()).toEqual({ QRL: { free: '249.5', used: '0', total: '249.5' }, USDT: { free: '897.35', used: '0', total: '897.35' } });
  });

  it('rests what the book cannot fill up to the limit price', async () => {
    const broker = await open();
    await broker.onMarket(book);
    const order = await broker.placeOrder(buy('0.4100', '150'));
    expect(order).toMatchObject({ status: 'open', filled: '100', remaining: '50' });
    expect((await broker.fetchBalance()).USDT).toEqual({ free: '938.5', used: '20.5', total: '959' });
  });

  it('sells QRL it holds, the fee taken in USDT', async () => {
    const broker = await open();
    await broker.onMarket(book);
    await broker.placeOrder(buy('0.4110', '250'));
    const order = await broker.placeOrder(sell('0.4090', '100'));
    expect(order).toMatchObject({ status: 'closed', cost: '40.9' });
    expect((await broker.fetchBalance()).USDT?.free).toBe('938.1682'); // 897.35 + 40.9 − 0.0818
  });

  it('refuses an order the free balance cannot cover, leaving the wallet as it was', async () => {
    const broker = await open();
    const error = await broker.placeOrder(buy('0.4', '2600')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrokerError);
    expect((error as BrokerError).code).toBe('INSUFFICIENT_FUNDS');
    expect((await broker.fetchBalance()).USDT).toEqual({ free: '1000', used: '0', total: '1000' });
    expect(await broker.fetchOpenOrders()).toEqual([]);
  });

  it('refuses what MEXC would refuse: off-tick price, off-step amount, below minimum value, duplicate client id', async () => {
    const broker = await open();
    const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: BrokerError) => e.code);
    expect(await code(broker.placeOrder(buy('0.40001', '10')))).toBe('INVALID_ORDER');
    expect(await code(broker.placeOrder(buy('0.4', '10.001')))).toBe('INVALID_ORDER');
    expect(await code(broker.placeOrder(buy('0.4', '2')))).toBe('INVALID_ORDER');
    await broker.placeOrder(buy('0.4', '10', 'dup'));
    expect(await code(broker.placeOrder(buy('0.4', '10', 'dup')))).toBe('DUPLICATE_CLIENT_ORDER_ID');
  });

  it('cancels an order and hands its lock back; cancelAll cancels every open one', async () => {
    const broker = await open();
    const a = await broker.placeOrder(buy('0.4', '10'));
    await broker.placeOrder(buy('0.39', '10'));
    expect(await broker.cancelOrder(a.id)).toMatchObject({ status: 'canceled' });
    await expect(broker.cancelOrder(a.id)).rejects.toMatchObject({ code: 'ORDER_NOT_FOUND' });
    await expect(broker.cancelOrder('paper-99')).rejects.toMatchObject({ code: 'ORDER_NOT_FOUND' });
    expect((await broker.cancelAll()).map((o) => o.status)).toEqual(['canceled']);
    expect((await broker.fetchBalance()).USDT).toEqual({ free: '1000', used: '0', total: '1000' });
  });

  it('answers the reconciliation lookup: the order for a client id, or null if it never arrived', async () => {
    const broker = await open();
    await broker.placeOrder(buy('0.4', '10', 'qtb-20261125-qrlusdt-b-001'));
    expect(await broker.fetchOrderByClientId('qtb-20261125-qrlusdt-b-001')).toMatchObject({ id: 'paper-1' });
    expect(await broker.fetchOrderByClientId('qtb-20261125-qrlusdt-b-002')).toBeNull();
  });

  it('lists fills since a time', async () => {
    const broker = await open();
    await broker.onMarket(book);
    await broker.placeOrder(buy('0.41', '10'));
    now += 1000;
    await broker.placeOrder(buy('0.41', '20'));
    expect((await broker.fetchMyTrades(now)).map((f) => f.amount)).toEqual(['20']);
  });

  it('keeps its wallet, orders and fills across a restart (a new instance on the same folder)', async () => {
    const before = await open();
    await before.onMarket(book);
    await before.placeOrder(buy('0.4110', '250'));
    await before.placeOrder(buy('0.4', '100', 'resting'));
    const after = await open();
    expect(await after.fetchBalance()).toEqual(await before.fetchBalance());
    expect(await after.fetchOpenOrders()).toEqual(await before.fetchOpenOrders());
    expect(await after.fetchMyTrades()).toEqual(await before.fetchMyTrades());
    // the resting order still fills after the restart, and ids keep counting
    const fills = await after.onMarket({ last: '0.39' });
    expect(fills.map((f) => [f.id, f.orderId])).toEqual([['paper-fill-3', 'paper-2']]);
    expect((await after.placeOrder(buy('0.38', '10'))).id).toBe('paper-3');
  });

  it('resets to new balances on request, dropping orders and fills', async () => {
    const broker = await open();
    await broker.onMarket(book);
    await broker.placeOrder(buy('0.4110', '250'));
    await broker.placeOrder(buy('0.4', '100'));
    expect(await broker.reset({ USDT: '500' })).toEqual({ QRL: { free: '0', used: '0', total: '0' }, USDT: { free: '500', used: '0', total: '500' } });
    expect(await broker.fetchOpenOrders()).toEqual([]);
    expect(await broker.fetchMyTrades()).toEqual([]);
    expect(await (await open()).fetchBalance()).toEqual(await broker.fetchBalance());
  });

  it('reports a damaged wallet file, keeps it aside, and starts from the initial balances', async () => {
    await fs.writeFile(path.join(dataDir, PAPER_WALLET_FILE), '{"version":1,"balances":');
    const broker = await open();
    expect(broker.loadProblem?.code).toBe('JSON_FILE_CORRUPT');
    expect(await fs.readFile(path.join(dataDir, `${PAPER_WALLET_FILE}.corrupt-${now}`), 'utf8')).toBe('{"version":1,"balances":');
    expect((await broker.fetchBalance()).USDT?.free).toBe('1000');
  });

  describe('fills from the tape (issue #15)', () => {
    const at = (price: string, amount: string, dt: number, side: 'buy' | 'sell' = 'sell') => ({ price, amount, timestamp: now + dt, side });
    /** 300 QRL already bid at 0.4: a buy placed there queues behind them. */
    const queued = { bids: [['0.4000', '300'], ['0.3990', '500']] as [string, string][], asks: [['0.4010', '5']] as [string, string][], last: '0.4005', trades: [] };

    it('a buy at a visible level waits for the queue ahead, then fills partially and fully, one fill per trade', async () => {
      const broker = await open();
      await broker.onMarket(queued);
      const placedAt = now;
      await broker.placeOrder(buy('0.4000', '100'));
      now += 10_000;
      expect(await broker.onMarket({ ...queued, trades: [at('0.4000', '200', -5_000)] })).toEqual([]); // 100 of the queue left
      now += 10_000;
      const first = await broker.onMarket({ ...queued, trades: [at('0.4000', '200', -15_000), at('0.4000', '150', -5_000)] });
      expect(first.map((f) => [f.price, f.amount, f.takerOrMaker, f.timestamp])).toEqual([['0.4', '50', 'maker', now]]);
      expect(await broker.fetchOrderByClientId('c-0.4000-100')).toMatchObject({ status: 'open', filled: '50', remaining: '50', timestamp: placedAt });
      now += 10_000;
      const rest = await broker.onMarket({ ...queued, trades: [at('0.4000', '20', -6_000), at('0.4000', '80', -5_000)] });
      expect(rest.map((f) => f.amount)).toEqual(['20', '30']);
      expect(await broker.fetchOrderByClientId('c-0.4000-100')).toMatchObject({ status: 'closed', filled: '100', cost: '40', average: '0.4' });
      expect(await broker.fetchBalance()).toEqual({ QRL: { free: '99.9', used: '0', total: '99.9' }, USDT: { free: '960', used: '0', total: '960' } });
    });

    it('a best ask touching the price with 5 QRL fills nothing; a trade through the price fills up to its size, queue or not', async () => {
      const broker = await open();
      await broker.onMarket(queued);
      await broker.placeOrder(buy('0.4000', '100'));
      now += 5_000;
      expect(await broker.onMarket({ asks: [['0.4000', '5']], bids: [['0.3990', '10']], last: '0.4000', trades: [] })).toEqual([]);
      now += 5_000;
      const through = await broker.onMarket({ asks: [['0.3990', '5']], last: '0.3980', trades: [at('0.3980', '40', -1_000)] });
      expect(through.map((f) => [f.price, f.amount])).toEqual([['0.4', '40']]);
      now += 5_000;
      // The level was swept: the 300 once ahead are gone, a trade at the price now fills at once.
      const atPrice = await broker.onMarket({ ...queued, trades: [at('0.4000', '25', -1_000)] });
      expect(atPrice.map((f) => f.amount)).toEqual(['25']);
    });

    it('a sell fills from trades at or above its price, the mirror image', async () => {
      const broker = await open();
      await broker.onMarket(book);
      await broker.placeOrder(buy('0.4110', '250'));
      await broker.placeOrder(sell('0.4300', '100'));
      now += 5_000;
      expect(await broker.onMarket({ ...book, trades: [at('0.4290', '500', -1_000, 'buy')] })).toEqual([]);
      now += 5_000;
      const fills = await broker.onMarket({ ...book, trades: [at('0.4300', '60', -2_000, 'buy'), at('0.4400', '70', -1_000, 'buy')] });
      expect(fills.map((f) => [f.side, f.price, f.amount])).toEqual([['sell', '0.43', '60'], ['sell', '0.43', '40']]);
    });

    it('counts a trade once: seen again, older than the newest counted, or from before the order, it fills nothing', async () => {
      const broker = await open();
      await broker.onMarket({ ...book, trades: [] });
      const old = at('0.3900', '500', -1); // traded before the order existed
      await broker.placeOrder(buy('0.4000', '100'));
      now += 10_000;
      const t1 = at('0.3950', '30', -5_000);
      expect((await broker.onMarket({ ...book, trades: [old, t1] })).map((f) => f.amount)).toEqual(['30']);
      now += 10_000;
      expect(await broker.onMarket({ ...book, trades: [old, t1] })).toEqual([]);
      expect(await broker.onMarket({ ...book, trades: [{ ...t1, timestamp: t1.timestamp - 1 }] })).toEqual([]); // older than the newest counted
      // Same time, different trade: it counts; and the same trade twice in one view counts once.
      const twin = { ...t1, amount: '20' };
      expect((await broker.onMarket({ ...book, trades: [t1, twin, twin] })).map((f) => f.amount)).toEqual(['20']);
    });

    it('never counts a trade twice across a restart, and keeps the queue ahead', async () => {
      const before = await open();
      await before.onMarket(queued);
      await before.placeOrder(buy('0.4000', '100'));
      now += 10_000;
      const trades = [at('0.4000', '250', -6_000)];
      expect(await before.onMarket({ ...queued, trades })).toEqual([]); // 50 of the 300 still ahead
      const after = await open();
      expect(await after.onMarket({ ...queued, trades })).toEqual([]); // counted twice, it would fill 100
      now += 10_000;
      const fills = await after.onMarket({ ...queued, trades: [...trades, at('0.4000', '80', -1_000)] });
      expect(fills.map((f) => f.amount)).toEqual(['30']);
    });

    it('shares one trade between open orders, the oldest first', async () => {
      const broker = await open();
      await broker.onMarket({ ...book, trades: [] });
      await broker.placeOrder(buy('0.4000', '50', 'first'));
      now += 1;
      await broker.placeOrder(buy('0.4000', '50', 'second'));
      now += 10_000;
      const fills = await broker.onMarket({ ...book, trades: [at('0.3990', '70', -1_000)] });
      expect(fills.map((f) => [f.clientOrderId, f.amount])).toEqual([['first', '50'], ['second', '20']]);
    });

    it('with no tape, only a price through the order fills it (whole); an empty tape and a crossed book fill nothing', async () => {
      const broker = await open();
      await broker.onMarket(book);
      await broker.placeOrder(buy('0.4000', '100'));
      now += 5_000;
      expect(await broker.onMarket({ asks: [['0.4000', '5']], last: '0.4000' })).toEqual([]); // a touch
      expect(await broker.onMarket({ asks: [['0.3990', '5']], last: '0.3995', trades: [] })).toEqual([]); // the tape says nothing traded
      const fills = await broker.onMarket({ asks: [['0.3990', '5']], last: '0.3995' });
      expect(fills.map((f) => f.amount)).toEqual(['100']);
    });

    it('a rebuilt wallet counts trades from the rebuild on', async () => {
      const broker = await open();
      await broker.onMarket({ ...book, trades: [] });
      const placedAt = now;
      now += 60_000;
      await broker.rebuild({ balances: { USDT: '1000' } }, [{ request: buy('0.4000', '100', 'r'), orderId: 'paper-1', time: placedAt, fills: [], canceled: false }]);
      expect(await broker.onMarket({ ...book, trades: [at('0.3990', '40', -30_000)] })).toEqual([]);
      now += 1_000;
      expect((await broker.onMarket({ ...book, trades: [at('0.3990', '40', -500)] })).map((f) => f.amount)).toEqual(['40']);
    });
  });
});
