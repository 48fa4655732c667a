import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Broker, BrokerOrder } from './Broker';
import { Journal, type BrokerRef } from './Journal';
import type { OrderIntent, PlaceOrderRequest } from './OrderIntent';
import { PaperBroker } from './PaperBroker';
import { qrlTestMarket } from '../../../test/support/qrlTestMarket';
import { reconcileOpenIntents } from './reconcileOpenIntents';
import { submitOrder } from './submitOrder';

const clock = { now: () => 1_764_000_000_000 };
const PAPER: BrokerRef = { kind: 'paper' };
const order = (price: string, amount: string): OrderIntent => ({ symbol: 'QRL/USDT', side: 'buy', type: 'limit', price, amount, reason: 'test' });
let dir: string;
const journalFile = () => path.join(dir, 'orders.jsonl');
const paper = () => PaperBroker.open({ dataDir: dir, market: qrlTestMarket(), clock, initialBalances: { USDT: '1000' } });

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'submit-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('submitOrder', () => {
  it('journals the intent before the broker sees the order, then the outcome', async () => {
    const journal = await Journal.open(journalFile(), clock);
    const broker = await paper();
    let journaledFirst = false;
    const spy: Broker = {
      kind: 'paper',
      placeOrder: async (request: PlaceOrderRequest) => {
        journaledFirst = (await fs.readFile(journalFile(), 'utf8')).includes(request.clientOrderId);
        return broker.placeOrder(request);
      },
      cancelOrder: (id) => broker.cancelOrder(id),
      cancelAll: () => broker.cancelAll(),
      fetchOpenOrders: () => broker.fetchOpenOrders(),
      fetchBalance: () => broker.fetchBalance(),
      fetchOrderByClientId: (id) => broker.fetchOrderByClientId(id),
      fetchMyTrades: (since, limit) => broker.fetchMyTrades(since, limit),
    };
    const result = await submitOrder(journal, spy, PAPER, 'qtb-20261125-qrlusdt-b-001', order('0.4', '10'));
    expect(journaledFirst).toBe(true);
    expect(result.status).toBe('accepted');
    expect(journal.entry('qtb-20261125-qrlusdt-b-001')).toMatchObject({ status: 'accepted', orderId: 'paper-1' });
  });

  it('journals an immediate fill with its fills', async () => {
    const journal = await Journal.open(journalFile(), clock);
    const broker = await paper();
    await broker.onMarket({ asks: [['0.4', '1000']] });
    await submitOrder(journal, broker, PAPER, 'x-1', order('0.4', '10'));
    expect(journal.entry('x-1')!.outcomes[0]).toMatchObject({ status: 'filled', fills: [{ price: '0.4', amount: '10', fee: '0.02', feeCurrency: 'QRL' }] });
  });

  it("journals a broker's refusal as rejected", async () => {
    const journal = await Journal.open(journalFile(), clock);
    const result = await submitOrder(journal, await paper(), PAPER, 'x-2', order('0.4', '5000'));
    expect(result.status).toBe('rejected');
    expect(journal.entry('x-2')!.outcomes[0]!.message).toMatch(/^INSUFFICIENT_FUNDS/);
    expect(journal.unfinishedIntents()).toEqual([]);
  });

  it('journals a failure of unknown outcome as unknown, leaving it to reconciliation', async () => {
    const journal = await Journal.open(journalFile(), clock);
    const broker = { placeOrder: async () => Promise.reject(new Error('socket hang up')) } as unknown as Broker;
    const result = await submitOrder(journal, broker, PAPER, 'x-3', order('0.4', '10'));
    expect(result.status).toBe('unknown');
    expect(journal.unfinishedIntents().map((e) => e.clientOrderId)).toEqual(['x-3']);
  });
});

describe('reconcileOpenIntents', () => {
  it('after a crash, settles each unfinished intent from the broker by clientOrderId', async () => {
    const journal = await Journal.open(journalFile(), clock);
    const broker = await paper();
    // crashed after sending (the order exists) and before sending (it does not)
    await journal.recordIntent({ clientOrderId: 'sent', intent: order('0.4', '10'), broker: PAPER });
    await broker.placeOrder({ ...order('0.4', '10'), clientOrderId: 'sent' });
    await journal.recordIntent({ clientOrderId: 'never-sent', intent: order('0.4', '10'), broker: PAPER });
    await broker.onMarket({ last: '0.39' });

    const restarted = await Journal.open(journalFile(), clock);
    const restartedBroker = await paper();
    const report = await reconcileOpenIntents(restarted, async () => ({ broker: restartedBroker }), clock.now());
    expect(report).toEqual({
      settled: [
        { clientOrderId: 'sent', status: 'filled', orderId: 'paper-1' },
        { clientOrderId: 'never-sent', status: 'rejected', orderId: null },
      ],
      pending: [],
    });
    expect(restarted.entry('sent')!.outcomes[0]!.fills).toHaveLength(1);
    expect(restarted.unfinishedIntents()).toEqual([]);
  });

  it('leaves an intent unfinished when the broker cannot be asked', async () => {
    const journal = await Journal.open(journalFile(), clock);
    await journal.recordIntent({ clientOrderId: 'y-1', intent: order('0.4', '10'), broker: PAPER });
    const down = { fetchOrderByClientId: async (): Promise<BrokerOrder | null> => Promise.reject(new Error('503')) } as unknown as Broker;
    expect(await reconcileOpenIntents(journal, async () => ({ broker: down }), clock.now())).toEqual({ settled: [], pending: [{ clientOrderId: 'y-1', error: '503' }] });
    expect(journal.unfinishedIntents()).toHaveLength(1);
  });
});
