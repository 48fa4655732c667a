import { Redis } from 'ioredis';
import { splitRedisPassword } from '../../../shared/splitRedisPassword';
import { redisKeyPrefix } from './redisKeyPrefix';
import { scrubRedisUrls } from './scrubRedisUrls';

/** Lua: Redis's own clock in ms (TIME), the one clock every instance sharing it agrees on. */
export const REDIS_NOW_MS_LUA = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

export interface RedisConnectionOptions {
  /** how long one Redis command may take before the caller falls back to its local path */
  commandTimeoutMs?: number;
  /** the longest wait between reconnect attempts */
  maxReconnectDelayMs?: number;
  /** why Redis is unavailable, once per outage, with any password scrubbed (for the log) */
  onError?: (reason: string) => void;
  /** the key prefix (`{REDIS_NAMESPACE}:v1:`); redisKeyPrefix() by default */
  keyPrefix?: string;
}

/**
 * One ioredis connection shared by the cache, the weight budget and the
 * single-flight locks of one process. Redis is an optimisation, never a
 * dependency (the original bot aborted its cycle on any Redis error: defect 6):
 * commands fail fast while it is down (no offline queue), ioredis reconnects
 * by itself, and `up` says which path a caller should take right now. No
 * message it passes on carries the URL's password.
 */
export class RedisConnection {
  readonly redis: Redis;
  readonly keyPrefix: string;
  private isUp = false;
  private wasUp = false;
  private outageReported = false;
  private firstAttemptDone!: () => void;
  /** resolves once the first connection attempt has succeeded or failed */
  readonly firstAttempt = new Promise<void>((resolve) => (this.firstAttemptDone = resolve));
  private readonly upListeners = new Set<() => void>();

  constructor(url: string, options: RedisConnectionOptions = {}) {
    this.keyPrefix = options.keyPrefix ?? redisKeyPrefix();
    const passwords = [passwordIn(url)];
    try {
      this.redis = new Redis(url, {
        // Fail fast while down instead of queueing commands behind a dead socket.
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
      this.isUp = true;
      this.wasUp = true;
      this.firstAttemptDone();
      this.outageReported = false;
      this.upListeners.forEach((listener) => listener());
    });
    const down = () => {
      this.isUp = false;
      this.firstAttemptDone();
    };
    this.redis.on('end', down);
    this.redis.on('close', down);
    // Errors are expected while Redis is down; the status shows them, callers never see them.
    this.redis.on('error', (error: Error) => {
      this.firstAttemptDone();
      if (this.outageReported) return;
      this.outageReported = true;
      options.onError?.(scrubRedisUrls(error.message, passwords));
    });
  }

  /** connected and ready for commands right now */
  get up(): boolean {
    return this.isUp;
  }

  /** Redis answered at least once since this connection was made */
  get everUp(): boolean {
    return this.wasUp;
  }

  /** Called each time Redis becomes ready (first connect and every reconnect); returns an unsubscribe. */
  onUp(listener: () => void): () => void {
    this.upListeners.add(listener);
    return () => this.upListeners.delete(listener);
  }

  /** Resolves once connected (or rejects after the timeout): for tests and start-up logs. */
  async ready(timeoutMs = 5_000): Promise<void> {
    if (this.isUp) return;
    await new Promise<void>((resolve, reject) => {
      const off = this.onUp(() => {
        clearTimeout(timer);
        off();
        resolve();
      });
      const timer = setTimeout(() => {
        off();
        reject(new Error('Redis did not become ready'));
      }, timeoutMs);
    });
  }

  close(): void {
    this.isUp = false;
    this.firstAttemptDone();
    this.upListeners.clear();
    this.redis.disconnect();
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
