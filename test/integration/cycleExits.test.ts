import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cycleExits, exitsThatAlert, type CycleExit } from '../../main/core/bot/cycleExits';
import type { TradingEngine } from '../../main/core/bot/TradingEngine';
import { Journal } from '../../main/core/trading/Journal';
import { PAPER_WALLET_FILE } from '../../main/core/trading/PaperBroker';
import { buyingSettings, startMoneyEngine, type MoneyEngine } from '../support/moneyPathScenario';

/**
 * Every way a strategy run can end, made to happen one by one: a buy signal
 * ends in an order placed or an alert that names the reason (issue 13, "no
 * silent path"). The record below must name every exit in cycleExits, so a
 * new exit cannot be added without a scenario here.
 */
const scenarios: Record<CycleExit, (engine: MoneyEngine) => Promise<void>> = {
  'no-signal': async ({ service }) => {
    await service.handlers.setSettings({ ...service.settings, strategy: { ...service.settings.strategy, buyThreshold: 0.01 } });
    await service.handlers.startBot(undefined);
  },
  preview: async () => undefined, // the bot is stopped
  'broker-unavailable': async (engine) => {
    await engine.service.handlers.setMode({ mode: 'live', confirmation: 'LIVE' });
    await engine.service.handlers.clearApiKeys(undefined);
    await engine.service.handlers.startBot(undefined);
  },
  'paper-wallet-needs-reset': async (engine) => {
    // a wallet from before the journal recorded how wallets start, then damaged: nothing to rebuild from
    const journalFile = path.join(engine.dataDir, 'journal.jsonl');
    writeFileSync(journalFile, '');
    writeFileSync(path.join(engine.dataDir, PAPER_WALLET_FILE), '{"version":1}');
    const service = await engine.restart({ crash: true });
    await service.handlers.startBot(undefined);
  },
  'unresolved-order': async (engine) => {
    await engine.service.handlers.setMode({ mode: 'live', confirmation: 'LIVE' });
    await engine.service.handlers.startBot(undefined);
    engine.sim.faults.inject({ kind: '5xx-after-accept', path: '/api/v3/order', method: 'POST' });
    engine.sim.faults.inject({ kind: '5xx-before', path: '/api/v3/order', method: 'GET', times: 1000 });
    await engine.service.handlers.runNow(undefined); // sent, outcome unknown, and MEXC cannot be asked
  },
  pretrade: async ({ service }) => {
    await service.handlers.resetPaperWallet({ usdt: '1' });
    await service.handlers.startBot(undefined);
  },
  risk: async ({ service }) => {
    await service.handlers.setSettings(buyingSettings(service, { maxOrdersPerDay: 1 }));
    await service.handlers.startBot(undefined);
    await service.handlers.runNow(undefined);
  },
  'duplicate-id': async ({ service }) => {
    await service.handlers.startBot(undefined);
    await service.handlers.runNow(undefined);
    // Never expected (ids count every intent); forced here to prove the path still speaks up.
    vi.spyOn(Journal.prototype, 'nextSequence').mockReturnValueOnce(1);
  },
  placed: async ({ service }) => {
    await service.handlers.startBot(undefined);
  },
  refused: async (engine) => {
    await engine.service.handlers.setMode({ mode: 'live', confirmation: 'LIVE' });
    await engine.service.handlers.startBot(undefined);
    // MEXC suspends the symbol after the bot read its rules: the pre-trade check passes, MEXC says no.
    const spec = engine.sim.state.paths.get('QRLUSDT')!.spec;
    spec.status = '2';
    onTeardown.push(() => (spec.status = '1')); // the simulator's symbol table is shared by every suite in this worker
  },
  'unknown-outcome': async (engine) => {
    await engine.service.handlers.setMode({ mode: 'live', confirmation: 'LIVE' });
    await engine.service.handlers.startBot(undefined);
    engine.sim.faults.inject({ kind: '5xx-after-accept', path: '/api/v3/order', method: 'POST' });
  },
};

const onTeardown: (() => void)[] = [];

describe('every exit of a strategy run', () => {
  let engine: MoneyEngine | undefined;
  afterEach(async () => {
    onTeardown.splice(0).forEach((undo) => undo());
    vi.restoreAllMocks();
    await engine?.close();
  });

  it('covers the whole list of exits', () => {
    expect(Object.keys(scenarios).sort()).toEqual([...cycleExits].sort());
  });

  it.each(cycleExits)('%s: a buy signal ends in an order or an alert naming the reason', async (exit) => {
    engine = await startMoneyEngine();
    await scenarios[exit](engine);
    const alertsBefore = engine.alerts.length;
    const decision = await engine.service.handlers.runNow(undefined);
    const trading = (engine.service as unknown as { trading: TradingEngine }).trading;
    expect(trading.lastExit).toBe(exit);
    const raised = engine.alerts.slice(alertsBefore);
    if (exitsThatAlert.has(exit)) {
      expect(raised.length, `${exit} raised no alert`).toBeGreaterThan(0);
      expect(raised.at(-1)!.message.length).toBeGreaterThan(20);
    }
    if (exit === 'placed') expect(decision.action).toBe('buy');
    else if (exit === 'no-signal') expect(decision.action).toBe('hold');
    else if (exit === 'preview') expect(decision.action).toBe('preview');
    else expect(decision.reason).toMatch(/Not traded|outcome is unknown/);
  });
});
