import type { Snapshot } from '../../shared/contract';

/** A valid snapshot with everything empty, to override field by field in tests. */
export function sampleSnapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    version: 1,
    time: 0,
    status: { state: 'stopped', mode: 'dry-run', symbol: 'QRL/USDT', since: 0, reason: null },
    nextRunAt: null,
    lastDecision: null,
    market: null,
    orderBook: null,
    balances: null,
    openOrders: [],
    recentFills: [],
    pnl: null,
    alerts: [],
    apiHealth: null,
    whyNot: null,
    ...overrides,
  };
}

export function sampleMarket(last: string, stale = false): NonNullable<Snapshot['market']> {
  return { last, change24hPercent: '1.5', bid: null, ask: null, high24h: null, low24h: null, volume24h: null, fetchedAt: 0, stale };
}
