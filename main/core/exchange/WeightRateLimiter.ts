import type { Clock } from '../clock';
import { SerialQueue } from '../SerialQueue';
import { MEXC_LIMIT, weightBudget, type RequestWeight } from './mexcWeights';
import type { Sleep } from './retryWithBackoff';
import type { Settle, WeightLimiter } from './WeightLimiter';

export interface WeightRateLimiterOptions {
  clock: Clock;
  sleep: Sleep;
  windowMs?: number;
  maxWeight?: number;
  /** the share of each window kept free; DEFAULT_WEIGHT_HEADROOM unless given */
  headroom?: number;
}

export type WeightScope = 'ip' | 'account';
type Scope = WeightScope;

/**
 * Client side of MEXC's limit (MEXC's Spot v3 docs, limits): at most 500 weight in
 * any 10 s, one pool per IP and one per account. A sliding window, so however
 * MEXC aligns its fixed windows none of them can see more than the budget.
 * Requests are admitted in order; each waits until it fits in both pools; a
 * Retry-After from MEXC holds everything back until it has passed.
 */
export class WeightRateLimiter implements WeightLimiter {
  readonly windowMs: number;
  readonly limit: number;
  private readonly budget: number;
  private readonly charged: Record<Scope, { at: number; weight: number; seeded?: true }[]> = { ip: [], account: [] };
  private pausedUntil = 0;
  private readonly turns = new SerialQueue();
  /** the most weight ever in one window, as a share of MEXC's limit */
  peakShare = 0;
  /** total weight charged since start, per scope */
  readonly totals: Record<Scope, number> = { ip: 0, account: 0 };

  constructor(private readonly options: WeightRateLimiterOptions) {
    this.windowMs = options.windowMs ?? MEXC_LIMIT.windowMs;
    this.limit = options.maxWeight ?? MEXC_LIMIT.maxWeight;
    this.budget = weightBudget(this.limit, options.headroom);
  }

  /** Wait until the request fits, then charge it; settle when the answer is back (WeightLimiter). */
  acquire(weight: RequestWeight): Promise<Settle> {
    return this.turns.run(() => this.waitForRoom(weight));
  }

  /** MEXC said Retry-After (or 429 without one): nobody sends until then. */
  pauseUntil(epochMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, epochMs);
  }

  pauseFor(ms: number): void {
    this.pauseUntil(this.options.clock.now() + ms);
  }

  /** When the current pause ends (0 when not paused). */
  get pausedUntilMs(): number {
    return this.pausedUntil > this.options.clock.now() ? this.pausedUntil : 0;
  }

  /**
   * Count weight spent elsewhere at `at` (ms on this clock) without sending:
   * a fallback limiter starts from what the shared window last held, so the
   * switch from Redis never doubles a window (SharedWeightLimiter).
   */
  seed(weight: RequestWeight, at: number): void {
    for (const [scope, amount] of [['ip', weight.ip], ['account', weight.uid]] as const) {
      if (amount <= 0) continue;
      const entries = this.charged[scope];
      let i = entries.length;
      while (i > 0 && entries[i - 1]!.at > at) i--;
      entries.splice(i, 0, { at, weight: amount, seeded: true });
    }
  }

  /** What this limiter charged (not seeded) in the current window, each with its age: handed to the shared window when Redis returns. */
  chargesInWindow(): { scope: WeightScope; ageMs: number; weight: number }[] {
    const now = this.options.clock.now();
    return (['ip', 'account'] as const).flatMap((scope) => {
      this.used(scope, now);
      return this.charged[scope].filter((entry) => !entry.seeded).map((entry) => ({ scope, ageMs: now - entry.at, weight: entry.weight }));
    });
  }

  /** Weight used in the last window, per scope: what the API health panel shows. */
  usage(): { ip: number; account: number; limit: number; windowMs: number } {
    const now = this.options.clock.now();
    return { ip: this.used('ip', now), account: this.used('account', now), limit: this.limit, windowMs: this.windowMs };
  }

  private async waitForRoom(weight: RequestWeight): Promise<Settle> {
    for (;;) {
      const now = this.options.clock.now();
      if (now < this.pausedUntil) {
        await this.options.sleep(this.pausedUntil - now);
        continue;
      }
      const wait = Math.max(this.waitFor('ip', weight.ip, now), this.waitFor('account', weight.uid, now));
      if (wait > 0) {
        await this.options.sleep(wait);
        continue;
      }
      const charged = [this.charge('ip', weight.ip, now), this.charge('account', weight.uid, now)];
      return () => charged.forEach((entry) => entry && this.restamp(entry.scope, entry.entry));
    }
  }

  /** The weight counts from now: moved to the end of its window (the newest entry), or back in if it already left. */
  private restamp(scope: Scope, entry: { at: number; weight: number }) {
    const entries = this.charged[scope];
    const index = entries.indexOf(entry);
    if (index >= 0) entries.splice(index, 1);
    entry.at = Math.max(entry.at, this.options.clock.now());
    entries.push(entry);
  }

  /** How long until `weight` fits in this scope's window (0: now). */
  private waitFor(scope: Scope, weight: number, now: number): number {
    if (weight === 0) return 0;
    const entries = this.charged[scope];
    let used = this.used(scope, now);
    // A single request heavier than the budget waits for an empty window rather than forever.
    const need = Math.min(weight, this.budget);
    for (const entry of entries) {
      if (used + need <= this.budget) break;
      used -= entry.weight;
      if (used + need <= this.budget) return entry.at + this.windowMs - now;
    }
    return used + need <= this.budget ? 0 : this.windowMs;
  }

  private charge(scope: Scope, weight: number, now: number) {
    if (weight === 0) return null;
    const entry = { at: now, weight };
    this.charged[scope].push(entry);
    this.totals[scope] += weight;
    this.peakShare = Math.max(this.peakShare, this.used(scope, now) / this.limit);
    return { scope, entry };
  }

  /** Weight charged in (now − window, now]; forgets older entries. */
  private used(scope: Scope, now: number): number {
    const entries = this.charged[scope];
    while (entries.length && entries[0]!.at <= now - this.windowMs) entries.shift();
    return entries.reduce((sum, entry) => sum + entry.weight, 0);
  }
}
