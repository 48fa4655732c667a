/**
 * The one place that knows how to drive the REAL engine + MEXC simulator
 * (test/support/startEngineWebHost.ts) for the renderer's end-to-end scenarios.
 */
import { simClient } from '../../mexc-sim/simClient';
import { startEngineWebHost, type EngineWebHost } from '../../support/startEngineWebHost';
import { VirtualTime } from '../../support/VirtualTime';

/** Nothing listens here: the engine's exchange calls are refused at once, as on a machine that is offline. */
export const UNREACHABLE_EXCHANGE = 'http://127.0.0.1:9';

/**
 * A scenario on an engine of its own whose clock the simulator shares: the
 * test moves time, so a minute of polls (an outage, a fill) passes at once.
 */
export async function onVirtualClock(scenario: (engine: EngineWebHost, time: VirtualTime) => Promise<void>): Promise<void> {
  const time = new VirtualTime(Date.now());
  const engine = await startEngineWebHost({ time });
  try {
    await time.advance(1_000);
    await scenario(engine, time);
  } finally {
    await engine.close();
  }
}

/** Every simulator endpoint answers 5xx until `endOutage`: the breaker should open and data go stale. */
export function startOutage(engine: EngineWebHost): void {
  engine.sim.faults.inject({ kind: '5xx-before', times: Infinity });
}

export function endOutage(engine: EngineWebHost): void {
  engine.sim.faults.clear();
}

/** Pin the simulator's QRL price a few percent lower from now on, so resting paper buys fill. */
export function dropPrice(engine: EngineWebHost, fraction = 0.97): void {
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
export async function missingEngineFeature(engine: EngineWebHost, journey: 'live-mode' | 'fill' | 'backtest'): Promise<string | null> {
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
export async function sellIntoTheBook(engine: EngineWebHost, qrl = 1000): Promise<void> {
  const { exchange } = simClient(engine.sim, { balances: { QRL: String(qrl) } });
  await exchange.createOrder('QRL/USDT', 'market', 'sell', qrl);
}
