import { describe, expect, it } from 'vitest';
import { weightOf } from './mexcWeights';
import { WeightRateLimiter } from './WeightRateLimiter';

function virtual(start = 1_000_000_000) {
  let now = start;
  const sleeps: number[] = [];
  return { clock: { now: () => now }, sleep: async (ms: number) => void (sleeps.push(ms), (now += ms)), sleeps, advance: (ms: number) => (now += ms), now: () => now };
}

const publicWeight = (ip: number) => ({ ip, uid: 0 });

describe('WeightRateLimiter', () => {
  it('admits requests without waiting while the budget (450 of 500 per 10 s) has room', async () => {
    const t = virtual();
    const limiter = new WeightRateLimiter({ clock: t.clock, sleep: t.sleep });
    for (let i = 0; i < 11; i++) await limiter.acquire(weightOf('GET', 'ticker/24hr')); // all tickers: 40 each → 440
    expect(t.sleeps).toEqual([]);
    expect(limiter.usage()).toEqual({ ip: 440, account: 0, limit: 500, windowMs: 10_000 });
  });

  it('waits until the oldest weight leaves the window, then charges', async () => {
    const t = virtual();
    const limiter = new WeightRateLimiter({ clock: t.clock, sleep: t.sleep });
    await limiter.acquire(publicWeight(400));
    t.advance(3_000);
    await limiter.acquire(publicWeight(50));
    await limiter.acquire(publicWeight(40));
    expect(t.sleeps).toEqual([7_000]); // the 400 leaves at +10 s
    expect(limiter.usage().ip).toBe(90);
  });

  it('never lets any 10 s span, however aligned, see more than the budget', async () => {
    const t = virtual(1_000_000_123);
    const limiter = new WeightRateLimiter({ clock: t.clock, sleep: t.sleep });
    const sent: [number, number][] = [];
    for (let i = 0; i < 600; i++) {
      const w = [1, 3, 10, 40][i % 4]!;
      await limiter.acquire(publicWeight(w));
      sent.push([t.now(), w]);
      t.advance(i % 7 === 0 ? 13 : 1);
    }
    for (const [start] of sent) {
      const inSpan = sent.filter(([at]) => at >= start && at < start + 10_000).reduce((sum, [, w]) => sum + w, 0);
      expect(inSpan).toBeLessThanOrEqual(450);
    }
    expect(limiter.peakShare).toBeLessThanOrEqual(0.9);
    expect(limiter.peakShare).toBeGreaterThan(0.8);
  });

  it('counts signed requests against the account pool as well as the IP pool, and public ones against the IP pool only', async () => {
    const t = virtual();
    const limiter = new WeightRateLimiter({ clock: t.clock, sleep: t.sleep });
    await limiter.acquire(weightOf('GET', 'account'));
    await limiter.acquire(weightOf('GET', 'depth', { symbol: 'QRLUSDT' }));
    expect(limiter.usage()).toMatchObject({ ip: 11, account: 10 });
  });

  it('holds a request back when the account pool is full even if the IP pool has room', async () => {
    const t = virtual();
    const limiter = new WeightRateLimiter({ clock: t.clock, sleep: t.sleep, headroom: 0 });
    await limiter.acquire({ ip: 10, uid: 500 });
    await limiter.acquire({ ip: 1, uid: 1 });
    expect(t.sleeps).toEqual([10_000]);
  });

  it('knows MEXC weights: one ticker 1, all 40, depth 1, trades 5, account 10 on both pools, order 1', () => {
    expect(weightOf('GET', 'ticker/24hr', { symbol: 'QRLUSDT' })).toEqual({ ip: 1, uid: 0 });
    expect(weightOf('GET', 'ticker/24hr', {})).toEqual({ ip: 40, uid: 0 });
    expect(weightOf('GET', 'depth', { symbol: 'QRLUSDT' })).toEqual({ ip: 1, uid: 0 });
    expect(weightOf('GET', 'trades', { symbol: 'QRLUSDT' })).toEqual({ ip: 5, uid: 0 });
    expect(weightOf('GET', 'account', {})).toEqual({ ip: 10, uid: 10 });
    expect(weightOf('POST', 'order', {})).toEqual({ ip: 1, uid: 1 });
    expect(weightOf('GET', 'exchangeInfo')).toEqual({ ip: 10, uid: 0 });
  });

  it('holds every request back until a Retry-After has passed', async () => {
    const t = virtual();
    const limiter = new WeightRateLimiter({ clock: t.clock, sleep: t.sleep });
    limiter.pauseFor(7_000);
    expect(limiter.pausedUntilMs).toBe(t.now() + 7_000);
    await limiter.acquire({ ip: 1, uid: 0 });
    expect(t.sleeps).toEqual([7_000]);
    expect(limiter.pausedUntilMs).toBe(0);
  });

  it('keeps the later of two pauses', async () => {
    const t = virtual();
    const limiter = new WeightRateLimiter({ clock: t.clock, sleep: t.sleep });
    limiter.pauseUntil(t.now() + 5_000);
    limiter.pauseUntil(t.now() + 2_000);
    await limiter.acquire({ ip: 1, uid: 0 });
    expect(t.sleeps).toEqual([5_000]);
  });

  it('admits waiting requests in the order they asked', async () => {
    const t = virtual();
    const limiter = new WeightRateLimiter({ clock: t.clock, sleep: t.sleep, headroom: 0 });
    await limiter.acquire(publicWeight(500));
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => limiter.acquire(publicWeight(n)).then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3]);
  });

  it('counts a request from its answer once settled: a slow request holds its weight until a window after it came back', async () => {
    const t = virtual();
    const limiter = new WeightRateLimiter({ clock: t.clock, sleep: t.sleep, headroom: 0 });
    const settle = await limiter.acquire(publicWeight(400));
    t.advance(4_000); // the answer took 4 s: MEXC may have counted it at any moment in between
    settle();
    await limiter.acquire(publicWeight(200));
    expect(t.sleeps).toEqual([10_000]);
  });

  it('starts a fallback from weight seeded elsewhere, and hands over only what it charged itself', async () => {
    const t = virtual();
    const limiter = new WeightRateLimiter({ clock: t.clock, sleep: t.sleep, maxWeight: 500 / 3 });
    limiter.seed({ ip: 450, uid: 450 }, t.now());
    await limiter.acquire({ ip: 10, uid: 0 });
    expect(t.sleeps).toEqual([10_000]);
    t.advance(2_000);
    expect(limiter.chargesInWindow()).toEqual([{ scope: 'ip', ageMs: 2_000, weight: 10 }]);
  });
});
