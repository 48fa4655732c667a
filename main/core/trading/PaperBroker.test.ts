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
});
