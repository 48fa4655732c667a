import type { Snapshot } from '../../shared/contract';
import { startingSnapshot } from '../../main/core/bot/startingSnapshot';

/** A valid snapshot with everything empty, to override field by field in tests. */
export function sampleSnapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return { ...startingSnapshot('QRL/USDT', { now: () => 0 }, null), version: 1, ...overrides };
}

export function sampleMarket(last: string, stale = false): NonNullable<Snapshot['market']> {
  return { last, change24hPercent: '1.5', bid: null, ask: null, high24h: null, low24h: null, volume24h: null, fetchedAt: 0, stale };
}
