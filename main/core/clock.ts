/** Time is passed in, so a test can run a whole day on a virtual clock. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export type TimerHandle = { readonly id: number };

/** Timers are passed in too: the same engine runs on real time and on a virtual day. */
export interface Timers {
  /** a callback may return a promise: virtual time waits for it before moving on */
  setTimeout(callback: () => void | Promise<void>, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/**
 * Timers on the real clock. `speedUp` runs every delay that many times
 * faster (tests of pings and reconnects); `clearAll` cancels what is pending.
 */
export function createRealTimers({ speedUp = 1 }: { speedUp?: number } = {}): Timers & { clearAll(): void } {
  const live = new Map<number, ReturnType<typeof setTimeout>>();
  let nextId = 1;
  return {
    setTimeout(callback, delayMs) {
      const id = nextId++;
      const timer = setTimeout(
        () => {
          live.delete(id);
          void callback();
        },
        Math.max(0, delayMs) / speedUp,
      );
      // A pending poll must never keep a headless process alive on its own.
      timer.unref?.();
      live.set(id, timer);
      return { id };
    },
    clearTimeout(handle) {
      const timer = live.get(handle.id);
      if (timer) clearTimeout(timer);
      live.delete(handle.id);
    },
    clearAll() {
      live.forEach((timer) => clearTimeout(timer));
      live.clear();
    },
  };
}

export const systemTimers: Timers = createRealTimers();
