import type { CacheTtl } from '../../shared/settings';
import { defaultSettings } from '../../shared/settings';
import type { Cache } from '../../main/core/cache/Cache';
import { MemoryCache } from '../../main/core/cache/MemoryCache';
import type { Timers } from '../../main/core/clock';
import { MexcClient } from '../../main/core/exchange/MexcClient';
import { createMexcExchange } from '../../main/core/exchange/SpotOnlyMexc';
import type { MexcSim } from '../mexc-sim/index';

export interface SimMexcClientOptions {
  keys?: { apiKey: string; secret: string };
  cache?: Cache;
  ttls?: CacheTtl;
  /**
   * A generous default: the simulator builds long candle series on first
   * use, and a loaded test machine must not turn that into a retry.
   */
  timeoutMs?: number;
  random?: () => number;
  /** on MEXC's WebSocket too (the simulator's), with these timers for pings and reconnects */
  streams?: { timers: Timers };
  /** how a wait passes (default: the simulator's clock moves on); a test on a VirtualTime passes its sleep */
  sleep?: (ms: number) => Promise<void>;
  /** told when MEXC pushes an order change or fill of the account */
  onAccountActivity?: () => void;
}

/**
 * The product's client against the simulator, on the simulator's virtual
 * clock: waiting (backoff, rate limit) moves virtual time, never real time.
 * `sleeps` records every wait asked for.
 */
export function createSimMexcClient(sim: MexcSim, options: SimMexcClientOptions = {}) {
  const exchange = createMexcExchange({ baseUrl: sim.url, clock: sim.clock, timeoutMs: options.timeoutMs ?? 15_000, ...options.keys });
  const sleeps: number[] = [];
  const client = new MexcClient({
    exchange,
    cache: options.cache ?? new MemoryCache(sim.clock),
    ttls: options.ttls ?? defaultSettings().cacheTtl,
    clock: sim.clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      if (options.sleep) await options.sleep(ms);
      else sim.clock.advance(ms);
    },
    random: options.random ?? (() => 0.5),
    streamUrl: options.streams ? sim.ws.url : null,
    timers: options.streams?.timers,
    onAccountActivity: options.onAccountActivity,
  });
  return { client, exchange, sleeps };
}
