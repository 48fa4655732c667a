import type { Snapshot } from '../../shared/contract';
import { startingSnapshot } from '../../main/core/bot/startingSnapshot';

/** A valid snapshot with everything empty, to override field by field in tests. */
export function sampleSnapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return { ...startingSnapshot('QRL/USDT', { now: () => 0 }, null), version: 1, ...overrides };
}

export function sampleMarket(last: string, stale = false): NonNullable<Snapshot['market']> {
  return { last, change24hPercent: '1.5', bid: null, ask: null, high24h: null, low24h: null, volume24h: null, fetchedAt: 0, stale };
}

/** A "why hasn't it bought?" answer with the given summary: a hold, the close above the buy line. */
export function sampleWhyNot(summary: string): NonNullable<Snapshot['whyNot']> {
  return {
    signal: 'hold',
    reason: 'Close 0.4123 > EMA60×1.02 = 0.4100 (not near support): hold',
    params: { emaFast: 20, emaSlow: 60, buyThreshold: 1.02 },
    close: '0.4123',
    emaFast: '0.4050',
    emaSlow: '0.4020',
    threshold: '0.4100',
    gap: '0.0023',
    gapPercent: '0.56',
    trendUp: true,
    blockers: [],
    nextRunAt: null,
    summary,
  };
}
