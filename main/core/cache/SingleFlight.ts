/**
 * Identical reads share one upstream call. `reuse` reads what another
 * instance's call stored (the cache): an instance-wide Flights (RedisSingleFlight)
 * waits for that call and then reuses its result; inside one process the first
 * caller's promise already serves everyone.
 */
export interface Flights {
  run<T>(key: string, work: () => Promise<T>, reuse?: () => Promise<T | undefined>): Promise<T>;
}

/** Concurrent identical reads in this process share one upstream call: the first caller's promise serves them all. */
export class SingleFlight implements Flights {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const existing = this.inFlight.get(key);
    if (existing) return existing as Promise<T>;
    const promise = work().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }
}
