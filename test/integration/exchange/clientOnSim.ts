import type { MexcSim } from '../../mexc-sim/index';
import { createSimMexcClient, type SimMexcClientOptions } from '../../support/createSimMexcClient';

export const TEST_KEYS = { apiKey: 'mx0vCLIENTKEY0001', secret: 'client-secret-0123456789abcdef' };

/** The client on the simulator with this suite's keys (`keys: null`: none). */
export function clientOnSim(sim: MexcSim, options: Omit<SimMexcClientOptions, 'keys'> & { keys?: SimMexcClientOptions['keys'] | null } = {}) {
  const { keys, ...rest } = options;
  return createSimMexcClient(sim, { ...rest, keys: keys === undefined ? TEST_KEYS : (keys ?? undefined) });
}

export const upstream = (sim: MexcSim, path: string, method = 'GET') => sim.requestLog.filter((r) => r.path === path && r.method === method).length;
