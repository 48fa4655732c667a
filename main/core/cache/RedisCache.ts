import { Redis } from 'ioredis';
import { splitRedisPassword } from '../../../shared/splitRedisPassword';
import type { Clock } from '../clock';
import type { Cache } from './Cache';
import { MemoryCache } from './MemoryCache';
import { scrubRedisUrls } from './scrubRedisUrls';

/** Keys as the original bot names them: qrl:v1:{method}:{args}, e.g. qrl:v1:ticker:QRL/USDT. */
export const REDIS_NAMESPACE = 'qrl:v1:';

export interface RedisCacheOptions {
  /** how long one Redis command may take before the read falls back to memory */
  commandTimeoutMs?: number;
  /** the longest wait between reconnect attempts */
  maxReconnectDelayMs?: number;
  /** why Redis is unavailable, once per outage, with any password scrubbed (for the log) */
  onError?: (reason: string) => void;
}

/**
 * Redis as a shared cache (REDIS_URL). Redis is an optimisation, never a
 * dependency (the original bot aborted its cycle on any Redis error: defect 6):
 * while it is down every read and write falls back to an in-process memory
 * cache, no error reaches the caller, and ioredis reconnects by itself. Writes
 * go to both, so the memory copy is warm the moment Redis goes away. It never
 * reconfigures the user's server (no CONFIG SET).
 */
export class RedisCache implements Cache {
  private readonly redis: Redis;
  private readonly fallback: MemoryCache;
  private up = false;
  private outageReported = false;

  constructor(
    url: string,
    private readonly clock: Clock,
    options: RedisCacheOptions = {},
  ) {
    this.fallback = new MemoryCache(clock);
    const passwords = [passwordIn(url)];
    try {
      this.redis = new Redis(url, {
        // Fail fast while down instead of queueing reads behind a dead socket.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        commandTimeout: options.commandTimeoutMs ?? 250,
        connectTimeout: 2_000,
        // Reconnect for ever, backing off to a few seconds between attempts.
        retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 10), options.maxReconnectDelayMs ?? 2_000),
      });
    } catch (error) {
      // Node's "Invalid URL" error carries the whole URL, password included, in its `input`: never rethrow it.
      throw new Error(`The Redis URL cannot be used: ${scrubRedisUrls((error as Error).message, passwords)}`);
    }
    this.redis.on('ready', () => {
      this.up = true;
      this.outageReported = false;
    });
    this.redis.on('end', () => (this.up = false));
    this.redis.on('close', () => (this.up = false));
    // Errors are expected while Redis is down; the status shows them, the caller never sees them.
    this.redis.on('error', (error: Error) => {
      if (this.outageReported) return;
      this.outageReported = true;
      options.onError?.(scrubRedisUrls(error.message, passwords));
    });
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
    const ttlMs = Math.ceil(expiresAt - this.clock.now());
    if (!this.up || ttlMs <= 0) return;
    try {
      await this.redis.set(REDIS_NAMESPACE + key, JSON.stringify(value), 'PX', ttlMs);
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
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.redis.off('ready', onReady);
        reject(new Error('Redis did not become ready'));
      }, timeoutMs);
      this.redis.once('ready', onReady);
    });
  }

  async close(): Promise<void> {
    this.up = false;
    this.redis.disconnect();
    await this.fallback.close();
  }
}

/** The password to scrub from ioredis's messages; an unreadable URL has none this can find (the URL scrub still masks it). */
function passwordIn(url: string): string | null {
  try {
    return splitRedisPassword(url).password;
  } catch {
    return null;
  }
}
