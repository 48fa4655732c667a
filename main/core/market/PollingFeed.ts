import type { Clock, TimerHandle, Timers } from '../clock';

export interface FeedState<T> {
  value: T | null;
  /** ms epoch of the last successful fetch */
  fetchedAt: number | null;
  lastError: string | null;
  /** the data is older than it should be, or the last fetch failed */
  stale: boolean;
}

export interface PollingFeedOptions<T> {
  name: string;
  intervalMs: number;
  fetch: () => Promise<T>;
  clock: Clock;
  timers: Timers;
  onChange: () => void;
  /** data older than this many intervals is stale */
  staleAfterIntervals?: number;
}

export const DEFAULT_STALE_AFTER_INTERVALS = 3;

/**
 * One data type fetched on a fixed cadence. It never throws: a failed fetch
 * keeps the last value, marks it stale, and the next tick tries again, so an
 * exchange outage degrades the dashboard instead of crashing the engine.
 */
export class PollingFeed<T> {
  private value: T | null = null;
  private fetchedAt: number | null = null;
  private lastError: string | null = null;
  private timer: TimerHandle | null = null;
  private inFlight: Promise<void> | null = null;
  private running = false;

  constructor(private readonly options: PollingFeedOptions<T>) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  stop(): void {
    this.running = false;
    if (this.timer) this.options.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Fetch now (coalesced with a fetch already under way). */
  refresh(): Promise<void> {
    this.inFlight ??= this.fetchOnce().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  state(): FeedState<T> {
    const now = this.options.clock.now();
    const maxAge = this.options.intervalMs * (this.options.staleAfterIntervals ?? DEFAULT_STALE_AFTER_INTERVALS);
    const stale = this.fetchedAt === null ? this.lastError !== null : this.lastError !== null || now - this.fetchedAt > maxAge;
    return { value: this.value, fetchedAt: this.fetchedAt, lastError: this.lastError, stale };
  }

  private schedule(delayMs: number) {
    if (!this.running) return;
    this.timer = this.options.timers.setTimeout(async () => {
      await this.refresh();
      this.schedule(this.options.intervalMs);
    }, delayMs);
  }

  private async fetchOnce(): Promise<void> {
    try {
      this.value = await this.options.fetch();
      this.fetchedAt = this.options.clock.now();
      this.lastError = null;
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
    }
    this.options.onChange();
  }
}
