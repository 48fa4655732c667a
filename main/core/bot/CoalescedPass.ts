/**
 * Runs an async pass one at a time. A request while one runs asks for one
 * more pass after it, not one per request, and that pass reads the newest
 * state when it starts. Why: market updates come faster than a paper-fill
 * pass (read the tape, save the wallet, journal, refresh) finishes; run side
 * by side, one pass's refresh showed fills whose alerts and journal lines
 * the other had not written yet, and an older book could land after a newer
 * one. Other refreshes (a run, a cancel, the live poll) are not passes: one
 * landing between a wallet save and its alerts can still show a fill a few
 * milliseconds before it is told.
 */
export class CoalescedPass {
  private running: Promise<void> | null = null;
  private wanted = false;

  constructor(
    private readonly pass: () => Promise<void>,
    private readonly onError: (error: Error) => void,
  ) {}

  request(): void {
    this.wanted = true;
    this.running ??= this.drain();
  }

  /** Resolves when no pass runs and none is wanted (quit waits on it). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (this.wanted) {
        this.wanted = false;
        await this.pass().catch(this.onError);
      }
    } finally {
      // In the same turn as the last check of `wanted`: a request after it starts a new drain, none falls in between.
      this.running = null;
    }
  }
}
