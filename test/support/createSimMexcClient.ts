import type { CacheTtl } from '../../shared/settings';
import { defaultSettings } from '../../shared/settings';
import type { Cache } from '../../main/core/cache/Cache';
import { MemoryCache } from '../../main/core/cache/MemoryCache';
import { MexcClient } from '../../main/core/exchange/MexcClient';
import { createMexcExchange } from '../../main/core/exchange/SpotOnlyMexc';
import type { MexcSim } from '../mexc-sim/index';

/**
 * The product's client against the simulator, on the simulator's virtual
 * clock: waiting (backoff, rate limit) moves virtual time, never real time.
 */
export function createSimMexcClient(sim: MexcSim, options: { keys?: { apiKey: string; secret: string }; cache?: Cache; ttls?: CacheTtl; timeoutMs?: number } = {}) {
  const exchange = createMexcExchange({ baseUrl: sim.url, clock: sim.clock, timeoutMs: options.timeoutMs ?? 2_000, ...options.keys });
  const sleeps: number[] = [];
  const client = new MexcClient({
    exchange,
    cache: options.cache ?? new MemoryCache(sim.clock),
    ttls: options.ttls ?? defaultSettings().cacheTtl,
    clock: sim.clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      sim.clock.advance(ms);
    },
    random: () => 0.5,
  });
  return { client, exchange, sleeps };
}
