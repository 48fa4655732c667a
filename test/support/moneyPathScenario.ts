import { afterEach } from 'vitest';
import type { Alert } from '../../shared/contract';
import type { BotService } from '../../main/core/bot/BotService';
import { Journal, type JournalEntry } from '../../main/core/trading/Journal';
import { str, type SimOrder } from '../mexc-sim/MatchingEngine';
import { startEngineOnSim, type EngineOnSim } from './engineOnSim';
import { VirtualTime } from './VirtualTime';
import type { UtcOffset } from '../../main/core/trading/localDay';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { untilTrue } from './eventLoopTurns';

export const MONEY_KEYS = { apiKey: 'mx0vMONEYPATHKEY01', secret: 'money-path-secret-0123456789abcdef' };
/** Tuesday 24 Nov 2026, 10:00 local: the simulator's trend signals a buy then (buy threshold 1.3) */
export const MONEY_START = new Date(2026, 10, 24, 10, 0).getTime();

/** Settings under which every run signals a buy of one 50 USDT order. */
export function buyingSettings(service: BotService, risk: Partial<BotService['settings']['risk']> = {}) {
  const { strategy } = service.settings;
  return { ...service.settings, strategy: { ...strategy, buyThreshold: 1.3 }, risk: { ...service.settings.risk, ...risk } };
}

export interface MoneyEngine extends EngineOnSim {
  alerts: Alert[];
  /** every order of the account on the simulated exchange, oldest first */
  exchangeOrders(): { orderId: string; clientOrderId: string | null; status: SimOrder['status']; price: string | null }[];
  journalEntries(): Promise<JournalEntry[]>;
}

/** The engine on the simulator with a funded account, its keys saved, the settings buying; live when asked. */
export async function startMoneyEngine(
  options: { live?: boolean; risk?: Partial<BotService['settings']['risk']>; time?: VirtualTime; sim?: EngineOnSim['sim']; addKey?: boolean; utcOffset?: UtcOffset } = {},
): Promise<MoneyEngine> {
  const time = options.time ?? new VirtualTime(MONEY_START);
  const alerts: Alert[] = [];
  const engine = await startEngineOnSim({ time, sim: options.sim, utcOffset: options.utcOffset, onEngine: (service) => service.on('alert', (alert) => alerts.push(alert)) });
  if (options.addKey !== false) engine.sim.accounts.addApiKey({ ...MONEY_KEYS, balances: { USDT: '5000' } });
  await time.advance(1_000);
  const { service } = engine;
  await service.handlers.saveApiKeys(MONEY_KEYS);
  await service.handlers.setSettings(buyingSettings(service, options.risk));
  if (options.live) await service.handlers.setMode({ mode: 'live', confirmation: 'LIVE' });
  return Object.assign(engine, {
    alerts,
    exchangeOrders: () =>
      [...(engine.sim.state.accounts.find(MONEY_KEYS.apiKey)?.account.orders.values() ?? [])].map((order) => ({
        orderId: order.orderId,
        clientOrderId: order.clientOrderId,
        status: order.status,
        price: order.price === null ? null : str(order.price),
      })),
    journalEntries: async () => (await Journal.open(path.join(engine.dataDir, 'journal.jsonl'), time)).entries(),
  });
}

/** One engine per test, closed after it: call at describe level, use the returned start in each test. */
export function useMoneyEngines(): (options?: Parameters<typeof startMoneyEngine>[0]) => Promise<MoneyEngine> {
  const engines: MoneyEngine[] = [];
  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.close();
  });
  return async (options = {}) => {
    const engine = await startMoneyEngine(options);
    engines.push(engine);
    return engine;
  };
}

/**
 * The market trades through the bot's resting buys while the engine does not
 * look: time.sleep moves the clocks without running the engine's timers, so
 * no fill poll reads them.
 */
export async function fillBotBuysUnseen(engine: MoneyEngine): Promise<void> {
  const qrl = engine.sim.state.paths.get('QRLUSDT')!;
  const lowest = Math.min(...engine.exchangeOrders().map((o) => Number(o.price)));
  qrl.force(lowest * 0.9, engine.time.now());
  await engine.time.sleep(60_000);
  qrl.force(null, engine.time.now());
  await engine.time.sleep(60_000);
}

/** A month passes with the app closed; it starts again, goes live, starts the bot and runs the strategy once. */
export async function runLiveAfterAMonthAway(engine: MoneyEngine) {
  await engine.time.sleep(31 * 86_400_000);
  const later = await engine.restart({ crash: true });
  await later.handlers.setMode({ mode: 'live', confirmation: 'LIVE' });
  await later.handlers.startBot(undefined);
  return later.handlers.runNow(undefined);
}

/** Bit rot in the journal line of the first intent (away from its id): the checksum no longer matches. */
export function damageFirstIntentLine(engine: MoneyEngine): void {
  const journalFile = path.join(engine.dataDir, 'journal.jsonl');
  const lines = readFileSync(journalFile, 'utf8').split('\n');
  const intentLine = lines.findIndex((line) => line.includes('"kind":"intent"'));
  lines[intentLine] = lines[intentLine]!.replace('"limit"', '"limjt"');
  writeFileSync(journalFile, lines.join('\n'));
}

/**
 * "Run now" with MEXC slow to answer the order: resolves once the run has
 * journaled its intent and is sending it, with the run's own promise.
 */
export async function runUntilSending(engine: MoneyEngine): Promise<{ run: Promise<unknown> }> {
  engine.sim.faults.inject({ kind: 'latency', path: '/api/v3/order', method: 'POST', ms: 300 });
  const run = engine.service.handlers.runNow(undefined);
  const journalFile = path.join(engine.dataDir, 'journal.jsonl');
  await untilTrue(() => existsSync(journalFile) && readFileSync(journalFile, 'utf8').includes('"kind":"intent"'), 'the intent is journaled');
  return { run };
}
