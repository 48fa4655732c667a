import { createMexcExchange } from '../../main/core/exchange/SpotOnlyMexc';
import type { MexcSim } from './index';
import type { Permission } from './Accounts';

let keySequence = 0;

/** A real ccxt mexc pointed at the simulator, with a fresh funded key; timestamps follow the sim clock. */
export function simClient(sim: MexcSim, options: { balances?: Record<string, string>; permissions?: Permission[]; secret?: string; timeoutMs?: number } = {}) {
  const apiKey = `mx0vTEST${String(++keySequence).padStart(6, '0')}`;
  const secret = `sim-secret-${keySequence}-0123456789abcdef`;
  sim.accounts.addApiKey({ apiKey, secret, permissions: options.permissions, balances: options.balances ?? { USDT: '1000' } });
  const exchange = createMexcExchange({ baseUrl: sim.url, apiKey, secret: options.secret ?? secret, clock: sim.clock, timeoutMs: options.timeoutMs ?? 5_000 });
  return { exchange, apiKey, secret };
}
