import type { Clock } from '../clock';
import type { Cache } from './Cache';
import { MemoryCache } from './MemoryCache';
import { RedisConnection, type RedisConnectionOptions } from './RedisConnection';

export type RedisCacheOptions = RedisConnectionOptions;

/**
 * Redis as a shared cache (REDIS_URL). Redis is an optimisation, never a
 * dependency (the original bot aborted its cycle on any Redis error: defect 6):
 * while it is down every read and write falls back to an in-process memory
 * cache, no error reaches the caller, and ioredis reconnects by itself. Writes
 * go to both, so the memory copy is warm the moment Redis goes away. It never
 * reconfigures the user's server (no CONFIG SET). Keys are the connection's
 * prefix (REDIS_NAMESPACE, `qrl:v1:` by default) + the client's key, as the
 * original bot names them: qrl:v1:ticker:QRL/USDT.
 */
export class RedisCache implements Cache {
  /** the connection the weight budget and single-flight locks of this process share (RedisSharing) */
  readonly connection: RedisConnection;
  private readonly fallback: MemoryCache;
  private readonly ownsConnection: boolean;

  constructor(
    url: string | RedisConnection,
    private readonly clock: Clock,
    options: RedisCacheOptions = {},
  ) {
    this.fallback = new MemoryCache(clock);
    this.ownsConnection = typeof url === 'string';
    this.connection = typeof url === 'string' ? new RedisConnection(url, options) : url;
  }

  get status(): 'redis' | 'redis-down' {
    return this.connection.up ? 'redis' : 'redis-down';
  }

  private get redis() {
    return this.connection.redis;
  }

  private key(key: string): string {
    return this.connection.keyPrefix + key;
  }

  async get<T>(key: string): Promise<T | undefined> {
    if (!this.connection.up) return this.fallback.get<T>(key);
    try {
      const text = await this.redis.get(this.key(key));
      if (text === null) return undefined;
      const entry = JSON.parse(text) as { value: T; expiresAt: number };
      // Redis expires by its own time; the expiry on this clock decides too (a virtual day, an instance whose clock runs ahead).
      return entry.expiresAt > this.clock.now() ? entry.value : undefined;
    } catch {
      return this.fallback.get<T>(key);
    }
  }

  async set<T>(key: string, value: T, expiresAt: number): Promise<void> {
    await this.fallback.set(key, value, expiresAt);
    const ttlMs = Math.ceil(expiresAt - this.clock.now());
    if (!this.connection.up || ttlMs <= 0) return;
    try {
      await this.redis.set(this.key(key), JSON.stringify({ value, expiresAt }), 'PX', ttlMs);
    } catch {
      // memory already holds it
    }
  }

  async delete(key: string): Promise<void> {
    await this.fallback.delete(key);
    if (this.connection.up) await this.redis.del(this.key(key)).catch(() => undefined);
  }

  /** Resolves once connected (or rejects after the timeout): for tests and start-up logs. */
  ready(timeoutMs = 5_000): Promise<void> {
    return this.connection.ready(timeoutMs);
  }

  async close(): Promise<void> {
    if (this.ownsConnection) this.connection.close();
    await this.fallback.close();
  }
}
