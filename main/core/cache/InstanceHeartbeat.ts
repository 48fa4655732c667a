import { randomUUID } from 'node:crypto';
import type { TimerHandle, Timers } from '../clock';
import { REDIS_NOW_MS_LUA, type RedisConnection } from './RedisConnection';

/** Register (score = Redis TIME), forget members silent for a TTL, answer how many are left. */
const BEAT = `
${REDIS_NOW_MS_LUA}
local ttl = tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - ttl)
redis.call('PEXPIRE', KEYS[1], ttl)
return redis.call('ZCARD', KEYS[1])
`;

export const HEARTBEAT_DEFAULTS = { intervalMs: 2_000, ttlMs: 10_000 } as const;

/**
 * How many instances share this Redis (issue 16): each beats into
 * `{prefix}instances` every couple of seconds. The count is remembered from the
 * last time Redis answered, so when Redis goes away each instance knows its
 * share (1/N) of MEXC's budget. A stopped instance counts until its TTL
 * passes: the shares are then smaller, never too large. An instance that has
 * never reached Redis counts 1: it cannot know of the others.
 */
export class InstanceHeartbeat {
  readonly id = randomUUID();
  private count = 1;
  private countSeenAt = Number.NEGATIVE_INFINITY;
  private timer: TimerHandle | null = null;
  private closed = false;
  private readonly key: string;
  private readonly offUp: () => void;

  constructor(
    private readonly connection: RedisConnection,
    private readonly timers: Timers,
    private readonly options: { intervalMs?: number; ttlMs?: number } = {},
  ) {
    this.key = `${connection.keyPrefix}instances`;
    // Beat the moment Redis is (back) up, so a fresh server learns of every instance at once.
    this.offUp = connection.onUp(() => void this.beat());
    this.schedule();
  }

  /** instances sharing this Redis, as last seen (at least 1) */
  get instances(): number {
    return this.count;
  }

  /** One beat now; resolves with the count (the remembered one when Redis does not answer). */
  async beat(): Promise<number> {
    if (!this.connection.up) return this.count;
    try {
      const ttlMs = this.options.ttlMs ?? HEARTBEAT_DEFAULTS.ttlMs;
      const count = Math.max(1, Number(await this.connection.redis.eval(BEAT, 1, this.key, this.id, ttlMs)));
      // A restarted Redis counts the others only as they beat again: a higher count stands for one TTL.
      if (this.closed) return this.count;
      if (count >= this.count || Date.now() - this.countSeenAt > ttlMs) {
        this.count = count;
        this.countSeenAt = Date.now();
      }
    } catch {
      // down: keep the count Redis last gave
    }
    return this.count;
  }

  /** Stop beating and leave the set, so the others' share grows back without waiting for the TTL. */
  async close(): Promise<void> {
    this.closed = true;
    this.offUp();
    if (this.timer) this.timers.clearTimeout(this.timer);
    if (this.connection.up) await this.connection.redis.zrem(this.key, this.id).catch(() => undefined);
  }

  private schedule() {
    if (this.closed) return;
    this.timer = this.timers.setTimeout(async () => {
      await this.beat();
      this.schedule();
    }, this.options.intervalMs ?? HEARTBEAT_DEFAULTS.intervalMs);
  }
}
