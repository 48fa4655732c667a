import type { TimerHandle, Timers } from '../clock';

// Why a module of its own: live fills are read on a timer of their own, apart from the daily run.

/** How often live fills are read from MEXC (REST; the private stream comes later). */
export const LIVE_FILL_POLL_MS = 15_000;

export interface LiveFillPollingOptions {
  timers: Timers;
  /** live orders need tracking: live mode, or the bot's live orders kept open in dry-run */
  active(): boolean;
  /** one read of the live account; its failure is its own to report */
  poll(): Promise<void>;
}

/** Reads live fills every LIVE_FILL_POLL_MS while live orders need tracking. */
export class LiveFillPolling {
  private timer: TimerHandle | null = null;

  constructor(private readonly options: LiveFillPollingOptions) {}

  /** Disarms, then arms again if live orders need tracking. */
  reschedule(): void {
    this.stop();
    if (!this.options.active()) return;
    this.timer = this.options.timers.setTimeout(async () => {
      await this.options.poll();
      this.reschedule();
    }, LIVE_FILL_POLL_MS);
  }

  stop(): void {
    if (this.timer) this.options.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
