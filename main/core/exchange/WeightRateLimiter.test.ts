import { describe, expect, it } from 'vitest';
import { weightOf } from './mexcWeights';
import { WeightRateLimiter } from './WeightRateLimiter';

function virtual() {
  let now = 1_000_000_000;
  const sleeps: number[] = [];
  return { clock: { now: () => now }, sleep: async (ms: number) => void (sleeps.push(ms), (now += ms)), sleeps, advance: (ms: number) => (now += ms) };
}

describe('WeightRateLimiter', () => {
  it('charges MEXC weights and waits for the next window when the budget (450 of 500) is spent', async () => {
    const t = virtual();
    const limiter = new WeightRateLimiter({ clock: t.clock, sleep: t.sleep });
    for (let i = 0; i < 11; i++) await limiter.acquire(weightOf('GET', 'ticker/24hr', {})); // 40 each → 440
    expect(t.sleeps).toEqual([]);
    await limiter.acquire(weightOf('GET', 'ticker/24hr', {}));
    expect(t.sleeps).toHaveLength(1);
    expect(limiter.usage().ip).toBe(40);
  });

  it('knows the weights: one ticker 1, all 40, account 10 (and on the account pool), order 1', () => {
    expect(weightOf('GET', 'ticker/24hr', { symbol: 'QRLUSDT' })).toEqual({ ip: 1, uid: 0 });
    expect(weightOf('GET', 'ticker/24hr', {})).toEqual({ ip: 40, uid: 0 });
    expect(weightOf('GET', 'account', {})).toEqual({ ip: 10, uid: 10 });
    expect(weightOf('POST', 'order', {})).toEqual({ ip: 1, uid: 1 });
  });

  it('holds every request back until a Retry-After has passed', async () => {
    const t = virtual();
    const limiter = new WeightRateLimiter({ clock: t.clock, sleep: t.sleep });
    limiter.pauseFor(7_000);
    await limiter.acquire({ ip: 1, uid: 0 });
    expect(t.sleeps[0]).toBe(7_000);
  });
});
