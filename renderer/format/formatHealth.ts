import type { ApiHealth } from '../../shared/contract';

/** Cache hit rate over every data type, in percent; null before the first read. */
export function cacheHitRatePercent(health: ApiHealth): number | null {
  let hits = 0;
  let total = 0;
  for (const stats of Object.values(health.dataTypes)) {
    hits += stats.hits;
    total += stats.hits + stats.misses;
  }
  return total === 0 ? null : (hits / total) * 100;
}

export function formatPercent(value: number | null, digits = 0): string {
  return value === null ? '—' : `${value.toFixed(digits)} %`;
}

/** The higher of the two MEXC weight scopes, against the limit: what risks a ban. */
export function weightUsage(health: ApiHealth): { used: number; limit: number; ratio: number } {
  const used = Math.max(health.weight.ip, health.weight.account);
  const limit = health.weight.limit;
  return { used, limit, ratio: limit > 0 ? Math.min(1, used / limit) : 0 };
}

/** The newest fetchedAt across data types: how old the freshest data is. */
export function newestFetch(health: ApiHealth): number | null {
  const times = Object.values(health.dataTypes)
    .map((stats) => stats.fetchedAt)
    .filter((time): time is number => time !== null);
  return times.length ? Math.max(...times) : null;
}

export const breakerLabels: Record<ApiHealth['breaker'], string> = {
  closed: 'Closed (healthy)',
  open: 'Open (failing fast)',
  'half-open': 'Half-open (probing)',
};

export const cacheLabels: Record<ApiHealth['cache'], string> = {
  memory: 'In-memory (no Redis configured)',
  redis: 'Redis connected',
  'redis-down': 'Redis down, using memory',
};
