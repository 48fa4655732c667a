import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { accountFingerprint } from '../../main/core/bot/ExchangeSession';
import { liveFillsFile } from '../../main/core/bot/LiveAccount';
import { LiveBroker } from '../../main/core/bot/LiveBroker';
import type { BrokerFill } from '../../main/core/trading/Broker';
import { FillLedger } from '../../main/core/trading/FillLedger';
import { Journal } from '../../main/core/trading/Journal';
import { Decimal } from '../../shared/decimal';
import { marketInfoFromCcxt } from '../../main/core/trading/MarketInfo';
import { createSimMexcClient } from '../support/createSimMexcClient';
import { untilTrue } from '../support/eventLoopTurns';
import { fillBotBuysUnseen, MONEY_KEYS, useMoneyEngines } from '../support/moneyPathScenario';

/**
 * The live side of the kill between a fill's save and its journal line (the
 * paper side is killed -9 for real in paperFillKill.test.ts): the fill ledger
 * is fsync'd first, then the fill is alerted and journaled. A process that
 * died in between left the fill in the ledger alone.
 */
describe('a live fill the ledger kept but the journal never got (killed in between)', () => {
  const start = useMoneyEngines();

  it('is journaled against its order and alerted on the next start, before any run', { timeout: 60_000 }, async () => {
    const engine = await start({ live: true });
    await engine.service.handlers.startBot(undefined);
    expect((await engine.service.handlers.runNow(undefined)).action).toBe('buy');
    const order = (await engine.journalEntries()).find((e) => e.broker?.kind === 'live')!;
    expect(order.status).toBe('accepted');

    // The engine dies; MEXC fills the buy; the dying process had synced its ledger (fsync'd) and got no further.
    await engine.stop();
    await fillBotBuysUnseen(engine);
    const synced: BrokerFill[] = [];
    const { client } = createSimMexcClient(engine.sim, { keys: MONEY_KEYS });
    try {
      const broker = new LiveBroker(client, marketInfoFromCcxt((await client.market('QRL/USDT'))!));
      const ledger = await FillLedger.open(path.join(engine.dataDir, liveFillsFile(accountFingerprint(MONEY_KEYS.apiKey))), engine.time);
      synced.push(...(await ledger.sync(broker, order.time, engine.time.now())).filter((f) => f.orderId === order.orderId));
      expect(synced.length).toBeGreaterThan(0);
    } finally {
      client.close();
    }

    const alertsBefore = engine.alerts.length;
    await engine.restart({ crash: true });
    const journaled = async () => (await engine.journalEntries()).find((e) => e.clientOrderId === order.clientOrderId)!;
    // Opening trading on start is the engine's own promise (file reads, fsyncs): wait on its effect, bounded.
    await untilTrue(async () => (await journaled()).status === 'filled', 'the ledger’s fill journaled on start');
    const entry = await journaled();
    const journal = await Journal.open(path.join(engine.dataDir, 'journal.jsonl'), engine.time);
    const fills = journal.fillsOf(order.clientOrderId);
    expect(fills.map((f) => f.id).sort()).toEqual(synced.map((f) => f.id).sort());
    expect(fills.reduce((sum, f) => sum.add(f.amount), Decimal.ZERO).toString()).toBe(Decimal.from(entry.intent.amount).toString());
    // The alert is what only the catch-up gives: the order's end would also be journaled later by settling orders closed while away.
    expect(engine.alerts.slice(alertsBefore).some((a) => a.kind === 'fill' && a.message.startsWith('Bought'))).toBe(true);
    expect(engine.service.lastCycleExit).toBeNull(); // no run was needed for it
  });
});
