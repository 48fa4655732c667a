import type { Alert } from '../../shared/contract';
import type { BotService } from '../../main/core/bot/BotService';
import { Journal, type JournalEntry } from '../../main/core/trading/Journal';
import { str, type SimOrder } from '../mexc-sim/MatchingEngine';
import { startEngineOnSim, type EngineOnSim } from './engineOnSim';
import { VirtualTime } from './VirtualTime';
import type { UtcOffset } from '../../main/core/trading/localDay';
import path from 'node:path';

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
