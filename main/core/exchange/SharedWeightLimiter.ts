import type { RedisConnection } from '../cache/RedisConnection';
import type { Clock } from '../clock';
import { SerialQueue } from '../SerialQueue';
import { MEXC_LIMIT, weightBudget, type RequestWeight } from './mexcWeights';
import { RedisWeightWindow } from './RedisWeightWindow';
import type { Sleep } from './retryWithBackoff';
import type { Settle, WeightLimiter } from './WeightLimiter';
import { WeightRateLimiter } from './WeightRateLimiter';

export interface SharedWeightLimiterOptions {
  connection: RedisConnection;
  /** a fingerprint of the API key (never the key); null with no keys */
  account: string | null;
  /** how many instances share this Redis, as last seen (InstanceHeartbeat) */
  instances: () => number;
  clock: Clock;
  sleep: Sleep;
  /** which egress IP this instance sends from; every instance on one Redis shares one IP pool by default */
  ipScope?: string;
  windowMs?: number;
  maxWeight?: number;
  /** keep this share of each window free, as WeightRateLimiter does */
  headroom?: number;
  /** tests on a virtual clock: the window's time (Redis TIME otherwise) */
  redisNow?: () => number;
}

export type SharedLimiterMode = 'shared' | 'local';

/**
 * MEXC's budget shared by every instance on one Redis (issue 16): the weight
 * is reserved in Redis before the request (RedisWeightWindow, atomic), and a
 * request over budget waits, on this process's clock, as long as Redis says.
 *
 * While Redis is down each instance falls back to a local WeightRateLimiter
 * holding 1/N of the budget (N from the heartbeat, as last seen), so the sum
 * stays within MEXC's limit. The shared window may have been full when Redis
 * went, spent by any instance, so the fallback first counts a whole budget
 * as spent at that moment: one window of waiting, then 1/N. When Redis comes
 * back, this instance hands what it spent locally to the shared window and,
 * for one more window, passes both limiters, while other instances may still
 * be on their local share.
 */
export class SharedWeightLimiter implements WeightLimiter {
  readonly windowMs: number;
  readonly limit: number;
  private readonly budget: number;
  private readonly window: RedisWeightWindow;
  private local: WeightRateLimiter | null = null;
  private recoveringUntil = 0;
  private pausedUntil = 0;
  private readonly turns = new SerialQueue();
  private lastUsed = { ip: 0, account: 0, at: Number.NEGATIVE_INFINITY };
  private peak = 0;
  /** 'shared' while Redis answers, 'local' on the fallback share */
  mode: SharedLimiterMode = 'shared';
  /** the share the fallback holds (1/N), from the last switch to it */
  localShare = 1;
  /** how often it switched to the fallback and back */
  readonly switches = { toLocal: 0, toShared: 0 };

  constructor(private readonly options: SharedWeightLimiterOptions) {
    this.windowMs = options.windowMs ?? MEXC_LIMIT.windowMs;
    this.limit = options.maxWeight ?? MEXC_LIMIT.maxWeight;
    this.budget = weightBudget(this.limit, options.headroom);
    this.window = new RedisWeightWindow({
      connection: options.connection,
      account: options.account,
      ipScope: options.ipScope,
      windowMs: this.windowMs,
      budget: this.budget,
      now: options.redisNow,
    });
  }

  get peakShare(): number {
    // The fallback's share is of its own limit (1/N of MEXC's): scaled back to MEXC's.
    return Math.max(this.peak, (this.local?.peakShare ?? 0) * this.localShare);
  }

  acquire(weight: RequestWeight): Promise<Settle> {
    return this.turns.run(() => this.reserve(weight));
  }

  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.options.clock.now() + ms);
    this.local?.pauseFor(ms);
    // Every instance on this IP hears it; a Redis that is down has nobody to tell.
    if (this.options.connection.up) this.window.pause(ms).catch(() => undefined);
  }

  get pausedUntilMs(): number {
    return this.pausedUntil > this.options.clock.now() ? this.pausedUntil : 0;
  }

  usage(): { ip: number; account: number; limit: number; windowMs: number } {
    if (this.mode === 'local' && this.local) return { ...this.local.usage(), limit: this.limit, windowMs: this.windowMs };
    const fresh = this.options.clock.now() - this.lastUsed.at < this.windowMs;
    return { ip: fresh ? this.lastUsed.ip : 0, account: fresh ? this.lastUsed.account : 0, limit: this.limit, windowMs: this.windowMs };
  }

  private async reserve(weight: RequestWeight): Promise<Settle> {
    // At start-up the connection is still being made: wait for its outcome rather than take the fallback for nothing.
    if (!this.options.connection.everUp) await this.options.connection.firstAttempt;
    let settleLocal: Settle | null = null;
    const onLocal = async () => {
      this.toLocal();
      return settleLocal ?? (await this.local!.acquire(weight));
    };
    for (;;) {
      const now = this.options.clock.now();
      if (now < this.pausedUntil) {
        await this.options.sleep(this.pausedUntil - now);
        continue;
      }
      if (!this.options.connection.up) return onLocal();
      if (this.mode === 'local') await this.toShared();
      if (!settleLocal && this.local && now < this.recoveringUntil) settleLocal = await this.local.acquire(weight);
      let answer;
      try {
        answer = await this.window.reserve(weight);
      } catch {
        // A command that fails while the socket still looks up: Redis is not answering, so the fallback decides.
        return onLocal();
      }
      this.lastUsed = { ...answer.used, at: this.options.clock.now() };
      if (answer.admitted) {
        this.peak = Math.max(this.peak, Math.max(answer.used.ip, answer.used.account) / this.limit);
        const local = settleLocal;
        return () => {
          local?.();
          this.window.settle(answer.token, weight).catch(() => undefined);
        };
      }
      await this.options.sleep(answer.waitMs);
    }
  }

  private toLocal() {
    if (this.mode === 'local') return;
    this.mode = 'local';
    this.switches.toLocal++;
    const instances = Math.max(1, this.options.instances());
    this.localShare = 1 / instances;
    this.local = new WeightRateLimiter({ clock: this.options.clock, sleep: this.options.sleep, maxWeight: this.limit / instances, headroom: this.options.headroom });
    // Any instance may have filled the shared window just before Redis went: count it full until it has slid past.
    // (An instance that never reached Redis knows of no shared window, and no other instance knows of it.)
    if (this.options.connection.everUp) this.local.seed({ ip: this.budget, uid: this.budget }, this.options.clock.now());
    this.recoveringUntil = 0;
  }

  private async toShared() {
    try {
      await this.window.handOver(this.local?.chargesInWindow() ?? []);
    } catch {
      return; // still not answering: the next reservation finds out and stays local
    }
    this.mode = 'shared';
    this.switches.toShared++;
    this.recoveringUntil = this.options.clock.now() + this.windowMs;
  }
}
