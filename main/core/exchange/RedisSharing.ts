import { InstanceHeartbeat } from '../cache/InstanceHeartbeat';
import { RedisCache } from '../cache/RedisCache';
import { RedisConnection } from '../cache/RedisConnection';
import { redisKeyPrefix } from '../cache/redisKeyPrefix';
import { RedisSingleFlight } from '../cache/RedisSingleFlight';
import type { Clock, Timers } from '../clock';
import type { Sleep } from './retryWithBackoff';
import { SharedWeightLimiter } from './SharedWeightLimiter';

export interface RedisSharingOptions {
  clock: Clock;
  timers: Timers;
  /** REDIS_NAMESPACE */
  env?: NodeJS.ProcessEnv;
  /** why Redis is unavailable, once per outage, password scrubbed */
  onError?: (reason: string) => void;
  /** an engine on a virtual clock (tests, the bench's day): the shared window's time; Redis TIME otherwise, the one clock all instances agree on */
  windowClock?: Clock;
}

/**
 * What instances on one Redis share (issue 16, design.md Storage): the cache,
 * MEXC's weight budget and the single-flight locks, over one connection, with
 * the heartbeat that tells each its fallback share. Built when REDIS_URL (or
 * the settings' Redis URL) is set; a bad REDIS_NAMESPACE throws, naming it.
 */
export class RedisSharing {
  readonly connection: RedisConnection;
  readonly cache: RedisCache;
  readonly heartbeat: InstanceHeartbeat;

  constructor(
    url: string,
    private readonly options: RedisSharingOptions,
  ) {
    // A limiter waits on Redis for every request: a busy machine must not mistake a slow answer for an outage.
    this.connection = new RedisConnection(url, { keyPrefix: redisKeyPrefix(options.env), commandTimeoutMs: 1_000, onError: options.onError });
    this.cache = new RedisCache(this.connection, options.clock);
    this.heartbeat = new InstanceHeartbeat(this.connection, options.timers);
  }

  /** The limiter and single-flight for one exchange client; `account` is the key's fingerprint (never the key). */
  forClient(account: string | null, sleep: Sleep): { limiter: SharedWeightLimiter; flights: RedisSingleFlight } {
    return {
      limiter: new SharedWeightLimiter({
        connection: this.connection,
        account,
        instances: () => this.heartbeat.instances,
        clock: this.options.clock,
        sleep,
        redisNow: this.options.windowClock && (() => this.options.windowClock!.now()),
      }),
      flights: new RedisSingleFlight(this.connection),
    };
  }

  async close(): Promise<void> {
    await this.heartbeat.close();
    await this.cache.close();
    this.connection.close();
  }
}
