import type { Clock } from '../clock';
import { MEXC_LIMIT } from './mexcWeights';

export type Sleep = (ms: number) => Promise<void>;

export interface WeightRateLimiterOptions {
  clock: Clock;
  sleep: Sleep;
  windowMs?: number;
  maxWeight?: number;
  /** keep this share of each window free, for the clock skew between us and MEXC */
  headroom?: number;
}

/**
 * Client side of MEXC's limit: fixed 10 s windows of 500 weight, one pool per
 * IP and one per account. A request waits for the window that has room for
 * it; a Retry-After from MEXC pauses everything until it has passed.
 */
export class WeightRateLimiter {
  private readonly windowMs: number;
  private readonly budget: number;
  private window = -1;
  private used = { ip: 0, uid: 0 };
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();
  peakShare = 0;

  constructor(private readonly options: WeightRateLimiterOptions) {
    this.windowMs = options.windowMs ?? MEXC_LIMIT.windowMs;
    this.budget = Math.floor((options.maxWeight ?? MEXC_LIMIT.maxWeight) * (1 - (options.headroom ?? 0.1)));
  }

  /** Wait until the request fits, then charge it. Requests are admitted in order. */
  acquire(weight: { ip: number; uid: number }): Promise<void> {
    const turn = this.queue.then(() => this.waitForRoom(weight));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** MEXC said Retry-After: nobody sends until then. */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.options.clock.now() + ms);
  }

  usage(): { ip: number; account: number; limit: number; windowMs: number } {
    this.roll();
    return { ip: this.used.ip, account: this.used.uid, limit: this.options.maxWeight ?? MEXC_LIMIT.maxWeight, windowMs: this.windowMs };
  }

  private async waitForRoom(weight: { ip: number; uid: number }): Promise<void> {
    for (;;) {
      const now = this.options.clock.now();
      if (now < this.pausedUntil) {
        await this.options.sleep(this.pausedUntil - now);
        continue;
      }
      this.roll();
      if (this.used.ip + weight.ip <= this.budget && this.used.uid + weight.uid <= this.budget) {
        this.used.ip += weight.ip;
        this.used.uid += weight.uid;
        this.peakShare = Math.max(this.peakShare, Math.max(this.used.ip, this.used.uid) / (this.options.maxWeight ?? MEXC_LIMIT.maxWeight));
        return;
      }
      await this.options.sleep((this.window + 1) * this.windowMs - now);
    }
  }

  private roll() {
    const window = Math.floor(this.options.clock.now() / this.windowMs);
    if (window !== this.window) {
      this.window = window;
      this.used = { ip: 0, uid: 0 };
    }
  }
}
