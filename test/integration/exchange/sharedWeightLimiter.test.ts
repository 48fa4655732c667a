import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/settings';
import { ExchangeSession } from '../../../main/core/bot/ExchangeSession';
import { InstanceHeartbeat } from '../../../main/core/cache/InstanceHeartbeat';
import { RedisConnection } from '../../../main/core/cache/RedisConnection';
import { RedisSingleFlight } from '../../../main/core/cache/RedisSingleFlight';
import { createRealTimers } from '../../../main/core/clock';
import { SharedWeightLimiter } from '../../../main/core/exchange/SharedWeightLimiter';
import { WeightRateLimiter } from '../../../main/core/exchange/WeightRateLimiter';
import { Logger } from '../../../main/core/logging/Logger';
import { ApiKeys } from '../../../main/core/secrets/ApiKeys';
import { MemorySecretEntry } from '../../support/MemorySecretEntry';
import { MemorySecretStore } from '../../support/MemorySecretStore';
import { missingRedisServerReason, startRedisServer } from '../../support/redisServer';

// Issue 16: one process's view of the shared budget, on a virtual clock (the window's time passed in), with a real
// redis-server stopped and restarted to play the outage. The three-process proof is multiInstance.test.ts.
const skipReason = missingRedisServerReason();

/** Poll on real time, bounded: Redis connects and disconnects in real time. */
async function until(condition: () => boolean, what: string) {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(skipReason !== null)('SharedWeightLimiter with a real redis-server', () => {
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  const timers = createRealTimers();
  const opened: { close(): unknown }[] = [];
  let now = 1_000_000_000;
  const sleeps: number[] = [];
  const clock = { now: () => now };
  const sleep = async (ms: number) => void (sleeps.push(ms), (now += ms));

  const connect = async () => {
    const connection = new RedisConnection(redis.url, { commandTimeoutMs: 5_000, maxReconnectDelayMs: 100 });
    opened.push(connection);
    await connection.ready();
    return connection;
  };
  const limiterOn = (connection: RedisConnection, instances = () => 1) =>
    new SharedWeightLimiter({ connection, account: 'acct0001', instances, clock, sleep, redisNow: () => now });

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterEach(async () => {
    for (const item of opened.splice(0).reverse()) await item.close();
    sleeps.length = 0;
    const raw = new Redis(redis.url);
    await raw.flushall();
    raw.disconnect();
  });
  afterAll(async () => {
    timers.clearAll();
    await redis?.stop();
  });

  it('two instances draw on one budget: what one spent, the other waits for', async () => {
    const a = limiterOn(await connect());
    const b = limiterOn(await connect());
    for (let i = 0; i < 45; i++) await a.acquire({ ip: 10, uid: 10 });
    expect(sleeps).toEqual([]);
    await b.acquire({ ip: 10, uid: 0 });
    expect(sleeps).toEqual([10_000]);
    expect(b.usage()).toMatchObject({ ip: 10, account: 0 });
  });

  it('falls back to 1/N of the budget while Redis is down (after the window it may have filled), then returns to the shared budget', { timeout: 30_000 }, async () => {
    const connections = await Promise.all([connect(), connect(), connect()]);
    const beats = connections.map((connection) => new InstanceHeartbeat(connection, timers));
    opened.push(...beats);
    for (const beat of beats) await beat.beat();
    expect(await beats[0]!.beat()).toBe(3);
    const limiter = limiterOn(connections[0]!, () => beats[0]!.instances);
    await limiter.acquire({ ip: 1, uid: 0 });

    await redis.stop();
    try {
      await until(() => !connections[0]!.up, 'the connection to see Redis gone');
      // N is remembered from the last answer.
      expect(await beats[0]!.beat()).toBe(3);
      await limiter.acquire({ ip: 10, uid: 0 });
      expect(limiter.mode).toBe('local');
      expect(limiter.localShare).toBe(1 / 3);
      expect(sleeps).toEqual([10_000]); // the shared window may have been full: it slides past first
      for (let i = 1; i < 15; i++) await limiter.acquire({ ip: 10, uid: 0 }); // 150: a third of 450
      expect(sleeps).toEqual([10_000]);
      await limiter.acquire({ ip: 10, uid: 0 });
      expect(sleeps).toEqual([10_000, 10_000]);
    } finally {
      await redis.restart();
    }

    await until(() => connections[0]!.up, 'the connection to come back');
    await limiter.acquire({ ip: 1, uid: 0 });
    expect(limiter.mode).toBe('shared');
    expect(limiter.switches).toEqual({ toLocal: 1, toShared: 1 });
    // What it spent on its own share is in the shared window now: the other instances see it.
    const other = limiterOn(connections[1]!);
    await other.acquire({ ip: 1, uid: 0 });
    expect(other.usage().ip).toBe(10 + 1 + 1);
  });

  it('a limiter that never reached Redis takes its fallback at once, without waiting out a window it never saw', async () => {
    const connection = new RedisConnection('redis://127.0.0.1:1', { commandTimeoutMs: 200 });
    opened.push(connection);
    const limiter = limiterOn(connection, () => 1);
    await limiter.acquire({ ip: 10, uid: 0 });
    expect(limiter.mode).toBe('local');
    expect(sleeps).toEqual([]);
  });

  it('is what the exchange session builds when a Redis URL is set, with a cross-instance single-flight; its own limiter otherwise', async () => {
    const logger = new Logger(clock);
    const session = (env: NodeJS.ProcessEnv) =>
      new ExchangeSession({ apiKeys: new ApiKeys(new MemorySecretStore()), redisPassword: new MemorySecretEntry(), clock, logger, env, timers, sleep });
    const shared = session({ REDIS_URL: redis.url });
    opened.push(shared);
    const client = await shared.rebuild(defaultSettings());
    expect(client.limiter).toBeInstanceOf(SharedWeightLimiter);
    expect((client as unknown as { flights: unknown }).flights).toBeInstanceOf(RedisSingleFlight);
    const alone = session({});
    opened.push(alone);
    expect((await alone.rebuild(defaultSettings())).limiter).toBeInstanceOf(WeightRateLimiter);
  });
});
