/**
 * The one place that knows how to drive the REAL engine + MEXC simulator for
 * the renderer's end-to-end scenarios. It loads test/support/startEngineWebHost.ts
 * (provided with the engine) at run time, so this suite type-checks and skips
 * cleanly until that helper exists. What each scenario needs from the helper
 * is named below; adapt the calls here if the helper spells them differently.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BotService } from '../../../main/core/bot/BotService';
import type { WebHost } from '../../../main/web/WebHost';
import type { MexcSim } from '../../mexc-sim/index';
import { simClient } from '../../mexc-sim/simClient';
import type { VirtualTime } from '../../support/VirtualTime';

/** Nothing listens here: the engine's exchange calls are refused at once, as on a machine that is offline. */
export const UNREACHABLE_EXCHANGE = 'http://127.0.0.1:9';

const HELPER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../support/startEngineWebHost.ts');

export const engineHelperMissing: string | null = existsSync(HELPER)
  ? null
  : 'test/support/startEngineWebHost.ts is not there yet (the engine + simulator helper)';

/** What the renderer scenarios use from the helper's result. */
export interface EngineUnderTest {
  host: WebHost;
  service: BotService;
  sim: MexcSim;
  close(): Promise<void>;
}

/** The engine on real time, or on a VirtualTime shared with the simulator (for outages that take a minute). */
export async function startEngine(options: { time?: VirtualTime } = {}): Promise<EngineUnderTest> {
  const helper = (await import(/* @vite-ignore */ HELPER)) as { startEngineWebHost(options: { time?: VirtualTime }): Promise<EngineUnderTest> };
  return helper.startEngineWebHost(options);
}

/** Every simulator endpoint answers 5xx until `endOutage`: the breaker should open and data go stale. */
export function startOutage(engine: EngineUnderTest): void {
  engine.sim.faults.inject({ kind: '5xx-before', times: Infinity });
}

export function endOutage(engine: EngineUnderTest): void {
  engine.sim.faults.clear();
}

/** Pin the simulator's QRL price a few percent lower from now on, so resting paper buys fill. */
export function dropPrice(engine: EngineUnderTest, fraction = 0.97): void {
  const path = engine.sim.state.paths.get('QRLUSDT');
  if (!path) throw new Error('the simulator has no QRLUSDT price path');
  const last = Number(engine.service.snapshot().market?.last ?? path.priceAt(engine.sim.clock.now()));
  path.force(last * fraction, engine.sim.clock.now());
}

const NOT_YET = /not available in this build/;

/**
 * Why a journey cannot run against this engine build yet, or null when it can:
 * a read-only or harmless probe of the command it needs answers "not
 * available in this build yet". The journey is skipped with that reason, and
 * runs by itself once the engine implements the command: it is never faked.
 */
export async function missingEngineFeature(engine: EngineUnderTest, journey: 'live-mode' | 'fill' | 'backtest'): Promise<string | null> {
  const handlers = engine.service.handlers;
  const probe = async (command: string, call: () => Promise<unknown>): Promise<string | null> => {
    try {
      await call();
      return null;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return NOT_YET.test(message) ? `waiting for the engine: ${command} (${message})` : null;
    }
  };
  switch (journey) {
    case 'live-mode':
      return probe('setMode', () => handlers.setMode({ mode: 'dry-run' }));
    case 'backtest':
      return probe('runBacktest', () => handlers.runBacktest({ days: 60, initialUsdt: '1000' }));
    case 'fill':
      return probe('getTradeHistory', () => handlers.getTradeHistory(undefined));
  }
}

/**
 * Another trader sells `qrl` at market: the prints go to the public tape at
 * the bids, through any resting paper buy above them, which fills from them
 * (PaperBroker fills from the tape). On the real clock the simulated tape
 * comes in bursts (about one a half-minute), too slow to wait for.
 */
export async function sellIntoTheBook(engine: EngineUnderTest, qrl = 1000): Promise<void> {
  const { exchange } = simClient(engine.sim, { balances: { QRL: String(qrl) } });
  await exchange.createOrder('QRL/USDT', 'market', 'sell', qrl);
}
