import type { TimerHandle, Timers } from '../clock';

// Why a module of its own: live fills are read on a timer of their own, apart from the daily run.

/** How often live fills are read from MEXC (REST): the safety net under the private orders and deals pushes, which ask for a read at once. */
export const LIVE_FILL_POLL_MS = 15_000;

export interface LiveFillPollingOptions {
  timers: Timers;
  /** live orders need tracking: live mode, or the bot's live orders kept open in dry-run */
  active(): boolean;
  /** one read of the live account; its failure is its own to report */
  poll(): Promise<void>;
}

/**
 * Reads live fills every LIVE_FILL_POLL_MS while live orders need tracking,
 * and at once when asked (`soon`: MEXC pushed a fill). Reads never overlap:
 * one asked for during a read runs right after it.
 */
export class LiveFillPolling {
  private timer: TimerHandle | null = null;
  private reading = false;
  private readAgain = false;

  constructor(private readonly options: LiveFillPollingOptions) {}

  /** Disarms, then arms again if live orders need tracking. */
  reschedule(delayMs = LIVE_FILL_POLL_MS): void {
    this.stop();
    if (!this.options.active()) return;
    this.timer = this.options.timers.setTimeout(async () => {
      this.timer = null;
      this.reading = true;
      try {
        await this.options.poll();
      } finally {
        this.reading = false;
      }
      const again = this.readAgain;
      this.readAgain = false;
      this.reschedule(again ? 0 : LIVE_FILL_POLL_MS);
    }, delayMs);
  }

  /** Read now (a pushed fill or order change), then keep the usual cadence. */
  soon(): void {
    if (this.reading) this.readAgain = true;
    else this.reschedule(0);
  }

  stop(): void {
    if (this.timer) this.options.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
