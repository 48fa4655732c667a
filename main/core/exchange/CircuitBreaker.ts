import type { BreakerState } from '../../../shared/contract';
import type { Clock } from '../clock';

export interface CircuitBreakerOptions {
  clock: Clock;
  /** consecutive transient failures that open it */
  failureThreshold?: number;
  /** how long it stays open before letting one probe through */
  openMs?: number;
  onChange?(state: BreakerState): void;
}

/**
 * Stops hammering an exchange that is down: closed → open after N transient
 * failures in a row; open fails fast; after a cooldown, half-open lets one
 * probe through, whose success closes it and whose failure opens it again.
 */
export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private probing = false;

  constructor(private readonly options: CircuitBreakerOptions) {}

  get state(): BreakerState {
    if (this.current === 'open' && this.options.clock.now() - this.openedAt >= (this.options.openMs ?? 30_000)) this.set('half-open');
    return this.current;
  }

  /**
   * MEXC is failing right now: a read failed (transient) since the last
   * success, or the breaker is open or probing. What a cache serves meanwhile
   * is not current (issue 17: candles said "Live" while MEXC was out).
   */
  get failing(): boolean {
    return this.failures > 0 || this.state !== 'closed';
  }

  /** May a request go now? Half-open admits a single probe at a time. */
  allow(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'half-open' && !this.probing) {
      this.probing = true;
      return true;
    }
    return false;
  }

  success(): void {
    this.failures = 0;
    this.probing = false;
    this.set('closed');
  }

  failure(): void {
    this.probing = false;
    this.failures += 1;
    if (this.current === 'half-open' || this.failures >= (this.options.failureThreshold ?? 5)) {
      this.openedAt = this.options.clock.now();
      this.set('open');
    }
  }

  /** A request that ended without telling us about the exchange's health (e.g. a permanent error). */
  neutral(): void {
    this.probing = false;
    if (this.current === 'half-open') this.success();
  }

  private set(state: BreakerState) {
    if (state === this.current) return;
    this.current = state;
    this.options.onChange?.(state);
  }
}
