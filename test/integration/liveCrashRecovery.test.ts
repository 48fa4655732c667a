import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveBroker } from '../../main/core/bot/LiveBroker';
import { Journal, type BrokerRef } from '../../main/core/trading/Journal';
import { marketInfoFromCcxt } from '../../main/core/trading/MarketInfo';
import { ORDER_ARRIVAL_WINDOW_MS, reconcileOpenIntents } from '../../main/core/trading/reconcileOpenIntents';
import { submitOrder } from '../../main/core/trading/submitOrder';
import { startMexcSim, type MexcSim } from '../mexc-sim/index';
import { createSimMexcClient } from '../support/createSimMexcClient';
import { mulberry32 } from '../support/hostilePayloads';

const LIVE: BrokerRef = { kind: 'live', account: '00000000c0ffee00' };
const KEYS = { apiKey: 'mx0vCRASHKEY00001', secret: 'crash-secret-0123456789abcdef' };
const crashPoints = ['after journaling, before sending', 'accepted, answer lost (5xx)', 'connection reset before MEXC saw it', 'accepted, before the outcome was journaled', 'clean'] as const;

/**
 * Live placement against the simulator, "killed" at a random point of each
 * attempt: the process's objects are dropped mid-way and a fresh one starts
 * from the files on disk, reconciling by clientOrderId before anything else.
 * (A real kill -9 of a child process is in the chaos suite.)
 */
describe('live order placement survives being killed at random points', () => {
  let sim: MexcSim;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'qtb-crash-'));
  const journalFile = path.join(dataDir, 'journal.jsonl');
  beforeAll(async () => {
    sim = await startMexcSim({ startTime: Date.UTC(2026, 10, 25, 1), enforceRateLimit: false });
    sim.accounts.addApiKey({ ...KEYS, balances: { USDT: '100000' } });
  });
  afterAll(() => sim.close());

  async function restart() {
    const { client } = createSimMexcClient(sim, { keys: KEYS, timeoutMs: 2_000 });
    const market = marketInfoFromCcxt((await client.market('QRL/USDT'))!);
    const broker = new LiveBroker(client, market);
    const journal = await Journal.open(journalFile, sim.clock);
    const report = await reconcileOpenIntents(journal, async () => ({ broker }), sim.clock.now());
    return { broker, journal, report };
  }

  it('50 random kills during placement: zero duplicate orders, and the journal matches the exchange', async () => {
    const random = mulberry32(50);
    const seen: Record<string, number> = {};
    for (let attempt = 1; attempt <= 50; attempt++) {
      const { broker, journal } = await restart();
      const crash = crashPoints[Math.floor(random() * crashPoints.length)]!;
      seen[crash] = (seen[crash] ?? 0) + 1;
      const clientOrderId = `qtb-crash-${String(attempt).padStart(3, '0')}`;
      const order = { symbol: 'QRL/USDT', side: 'buy' as const, type: 'limit' as const, price: '0.1000', amount: '20', reason: 'crash test' };
      if (crash === 'after journaling, before sending') {
        await journal.recordIntent({ clientOrderId, intent: order, broker: LIVE });
        continue; // killed
      }
      if (crash === 'accepted, answer lost (5xx)') sim.faults.inject({ kind: '5xx-after-accept', path: '/api/v3/order', method: 'POST' });
      if (crash === 'connection reset before MEXC saw it') sim.faults.inject({ kind: 'reset', path: '/api/v3/order', method: 'POST' });
      if (crash === 'accepted, before the outcome was journaled') {
        await journal.recordIntent({ clientOrderId, intent: order, broker: LIVE });
        await broker.placeOrder({ ...order, clientOrderId });
        continue; // killed before recordOutcome
      }
      await submitOrder(journal, broker, LIVE, clientOrderId, order);
      // killed (or not) right after: the next loop is the restart
    }
    // Past MEXC's recvWindow no request of a dead process can still land: every "not found" is now proof.
    sim.clock.advance(ORDER_ARRIVAL_WINDOW_MS);
    const { journal, report } = await restart();
    expect(report.pending).toEqual([]);
    expect(journal.unfinishedIntents()).toEqual([]);

    const exchangeOrders = [...sim.state.accounts.account(KEYS.apiKey).orders.values()];
    const ids = exchangeOrders.map((o) => o.clientOrderId);
    expect(new Set(ids).size).toBe(ids.length); // no duplicates
    for (const entry of journal.entries()) {
      const onExchange = exchangeOrders.find((o) => o.clientOrderId === entry.clientOrderId);
      if (onExchange) expect(entry).toMatchObject({ orderId: onExchange.orderId, status: 'accepted' });
      else expect(entry.status).toBe('rejected');
    }
    for (const order of exchangeOrders) expect(journal.entry(order.clientOrderId!)).toBeDefined();
    console.log(`crash recovery: 50 kills ${JSON.stringify(seen)}, ${exchangeOrders.length} orders on the exchange, ${journal.entries().length} journaled, 0 duplicates`);
    expect(Object.keys(seen).length).toBe(crashPoints.length);
  });
});
