import type { Clock, TimerHandle, Timers } from '../../main/core/clock';

/**
 * A clock and timers that move only when a test says so: `advance(ms)` runs
 * every timer that falls due, in time order, letting promises settle between
 * them and awaiting a callback's own promise, so a whole simulated day runs
 * in milliseconds and nothing races the clock.
 */
export class VirtualTime implements Clock, Timers {
  private current: number;
  private nextId = 1;
  private readonly due = new Map<number, { at: number; callback: () => void | Promise<void> }>();
  private readonly listeners = new Set<(now: number) => void>();

  constructor(start: number) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void | Promise<void>, delayMs: number): TimerHandle {
    const id = this.nextId++;
    this.due.set(id, { at: this.current + Math.max(0, delayMs), callback });
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    this.due.delete(handle.id);
  }

  /** Other virtual clocks (e.g. the simulator's) can follow this one. */
  onTick(listener: (now: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get pendingTimers(): number {
    return this.due.size;
  }

  async advance(ms: number): Promise<void> {
    const end = this.current + ms;
    for (;;) {
      await settle();
      const next = [...this.due.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!next) break;
      const [id, timer] = next;
      this.due.delete(id);
      this.setNow(Math.max(this.current, timer.at));
      // A timer's async work (a poll, a strategy run) finishes before time moves on.
      await Promise.resolve(timer.callback()).catch(() => undefined);
    }
    // A sleep inside a callback may have carried the clock past `end`: time never runs backwards.
    this.setNow(Math.max(this.current, end));
    await settle();
  }

  /**
   * Time passes while nothing runs (the machine slept, or a month went by):
   * the clock jumps, then every timer that fell due meanwhile runs once, late.
   */
  async jump(ms: number): Promise<void> {
    this.setNow(this.current + Math.max(0, ms));
    await this.advance(0);
  }

  /**
   * A wait inside the engine (a backoff, a rate-limit pause) passes virtual
   * time, as it would for a sleeping process: the clock moves on by `ms`.
   * Timers that fall due meanwhile run on the next `advance`. Without this an
   * instant sleep on a frozen clock spins a wait-until loop forever.
   */
  async sleep(ms: number): Promise<void> {
    this.setNow(this.current + Math.max(0, ms));
    await settle();
  }

  private setNow(now: number) {
    this.current = now;
    this.listeners.forEach((listener) => listener(now));
  }
}

/** Let queued promise callbacks (and I/O completions already in flight) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
