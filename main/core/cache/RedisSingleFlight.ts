import { randomUUID } from 'node:crypto';
import type { RedisConnection } from './RedisConnection';
import { SingleFlight, type Flights } from './SingleFlight';

/** Delete the lock only if it is still ours: one that expired and was taken by another instance stays. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export const FLIGHT_DEFAULTS = {
  /** longer than a read with its retries normally takes; a crashed holder frees the key after this */
  lockMs: 15_000,
  /** how often a waiting instance looks whether the holder is done */
  pollMs: 15,
} as const;

export interface RedisSingleFlightOptions {
  lockMs?: number;
  pollMs?: number;
  /** real time: the wait is for another process's call, which no virtual clock moves */
  wait?: (ms: number) => Promise<void>;
}

/**
 * Single-flight across instances (issue 16): N processes that want the same
 * key cause one upstream call. In this process the first caller's promise
 * serves the rest (SingleFlight); across processes a short-lived Redis lock
 * (`{prefix}lock:{key}`, SET NX PX) picks the one that calls, and the others
 * poll until it is released, then `reuse` what it stored in the shared cache.
 * If the holder failed (nothing stored) the next one takes the lock; waiting
 * is bounded by the lock's lifetime. While Redis is down each process calls
 * for itself, as before.
 */
export class RedisSingleFlight implements Flights {
  private readonly local = new SingleFlight();
  private readonly owner = randomUUID();
  private readonly wait: (ms: number) => Promise<void>;
  /** calls this instance made because it held the lock, and reads it served from another's */
  readonly stats = { led: 0, followed: 0 };

  constructor(
    private readonly connection: RedisConnection,
    private readonly options: RedisSingleFlightOptions = {},
  ) {
    this.wait = options.wait ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  run<T>(key: string, work: () => Promise<T>, reuse?: () => Promise<T | undefined>): Promise<T> {
    if (!reuse) return this.local.run(key, work);
    return this.local.run(key, () => this.acrossInstances(key, work, reuse));
  }

  private async acrossInstances<T>(key: string, work: () => Promise<T>, reuse: () => Promise<T | undefined>): Promise<T> {
    const lockKey = `${this.connection.keyPrefix}lock:${key}`;
    const lockMs = this.options.lockMs ?? FLIGHT_DEFAULTS.lockMs;
    const deadline = Date.now() + lockMs;
    for (;;) {
      const token = Date.now() > deadline ? null : await this.tryLock(lockKey, lockMs);
      if (token === null) return work(); // Redis down, or waited as long as a lock lives: call for ourselves
      if (token !== false) return this.lead(lockKey, token, work);
      await this.released(lockKey, deadline);
      const value = await reuse();
      if (value !== undefined) {
        this.stats.followed++;
        return value;
      }
    }
  }

  /** The lock's token when this instance got it, false when another holds it, null when Redis cannot say. */
  private async tryLock(lockKey: string, lockMs: number): Promise<string | false | null> {
    if (!this.connection.up) return null;
    const token = `${this.owner}:${randomUUID()}`;
    try {
      return (await this.connection.redis.set(lockKey, token, 'PX', lockMs, 'NX')) === 'OK' ? token : false;
    } catch {
      return null;
    }
  }

  private async lead<T>(lockKey: string, token: string, work: () => Promise<T>): Promise<T> {
    this.stats.led++;
    try {
      return await work();
    } finally {
      await this.connection.redis.eval(RELEASE, 1, lockKey, token).catch(() => undefined);
    }
  }

  /** Poll (bounded by the deadline) until the holder releases the lock or Redis stops answering. */
  private async released(lockKey: string, deadline: number): Promise<void> {
    while (Date.now() <= deadline && this.connection.up) {
      const held = await this.connection.redis.exists(lockKey).catch(() => 0);
      if (!held) return;
      await this.wait(this.options.pollMs ?? FLIGHT_DEFAULTS.pollMs);
    }
  }
}
