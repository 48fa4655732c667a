import type { Snapshot } from '../../../shared/contract';
import type { Clock } from '../clock';
import { BotLifecycle } from './botLifecycle';
import type { LastKnownMarket } from './LastSnapshotFile';

// Why a module of its own: a host answers with this while the engine itself is still loading (issue 16); it must not import the engine.

/** The snapshot before the engine exists: the status the engine starts in, and the last known market data, stale. */
export function startingSnapshot(symbol: string, clock: Clock, lastKnown: LastKnownMarket | null): Snapshot {
  return {
    version: 0,
    time: clock.now(),
    status: new BotLifecycle(symbol, clock, () => undefined).status,
    nextRunAt: null,
    lastDecision: null,
    market: lastKnown?.market ?? null,
    orderBook: lastKnown?.orderBook ?? null,
    balances: null,
    openOrders: [],
    recentFills: [],
    pnl: null,
    alerts: [],
    apiHealth: null,
    whyNot: null,
  };
}
