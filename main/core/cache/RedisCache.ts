import { Redis } from 'ioredis';
import type { Clock } from '../clock';
import type { Cache } from './Cache';
import { MemoryCache } from './MemoryCache';

/** Keys as the original bot names them: qrl:v1:{method}:{args}. */
export const REDIS_NAMESPACE = 'qrl:v1:';

/**
 * Redis as a shared cache (REDIS_URL). Redis is an optimisation, never a
 * dependency: while it is down every read and write falls back to memory, no
 * error reaches the caller, and ioredis reconnects by itself. Unlike the
 * original bot it never reconfigures the user's server (no CONFIG SET).
 */
export class RedisCache implements Cache {
  private readonly redis: Redis;
  private readonly fallback: MemoryCache;
  private up = false;

  constructor(
    url: string,
    private readonly clock: Clock,
  ) {
    this.fallback = new MemoryCache(clock);
    this.redis = new Redis(url, {
      lazyConnect: false,
      // Fail fast while down instead of queueing reads behind a dead socket.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2_000,
      retryStrategy: (attempt) => Math.min(200 * 2 ** attempt, 5_000),
    });
    this.redis.on('ready', () => (this.up = true));
    this.redis.on('end', () => (this.up = false));
    this.redis.on('close', () => (this.up = false));
    // Errors are expected while Redis is down; the status shows them, the caller never sees them.
    this.redis.on('error', () => (this.up = false));
  }

  get status(): 'redis' | 'redis-down' {
    return this.up ? 'redis' : 'redis-down';
  }

  async get<T>(key: string): Promise<T | undefined> {
    if (!this.up) return this.fallback.get<T>(key);
    try {
      const text = await this.redis.get(REDIS_NAMESPACE + key);
      return text === null ? undefined : (JSON.parse(text) as T);
    } catch {
      return this.fallback.get<T>(key);
    }
  }

  async set<T>(key: string, value: T, expiresAt: number): Promise<void> {
    await this.fallback.set(key, value, expiresAt);
    if (!this.up) return;
    const ttlMs = expiresAt - this.clock.now();
    if (ttlMs <= 0) return;
    try {
      await this.redis.set(REDIS_NAMESPACE + key, JSON.stringify(value), 'PX', Math.ceil(ttlMs));
    } catch {
      // memory already holds it
    }
  }

  async delete(key: string): Promise<void> {
    await this.fallback.delete(key);
    if (this.up) await this.redis.del(REDIS_NAMESPACE + key).catch(() => undefined);
  }

  /** Resolves once connected (or rejects after the timeout): for tests and start-up logs. */
  async ready(timeoutMs = 5_000): Promise<void> {
    if (this.up) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Redis did not become ready')), timeoutMs);
      this.redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    this.redis.disconnect();
    await this.fallback.close();
  }
}
