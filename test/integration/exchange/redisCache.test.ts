import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisCache } from '../../../main/core/cache/RedisCache';
import { startMexcSim, type MexcSim } from '../../mexc-sim/index';
import { redisServerAvailable, startRedisServer } from '../../support/redisServer';
import { missingToolReason } from '../../support/requiredTool';
import { clientOnSim } from './clientOnSim';

const skipReason = missingToolReason('redis-server', redisServerAvailable(), 'apt-get install redis-server');

/** Poll a condition on real time (Redis reconnects in real time). */
async function until(condition: () => boolean, what: string) {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(skipReason !== null)('RedisCache with a real redis-server', () => {
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  let sim: MexcSim;
  beforeAll(async () => {
    redis = await startRedisServer();
    sim = await startMexcSim({ startTime: Date.UTC(2026, 10, 25, 1) });
  });
  afterAll(async () => {
    await redis?.stop();
    await sim?.close();
  });

  it('shares cached reads between two clients (a second app instance reads what the first fetched)', async () => {
    const a = new RedisCache(redis.url, sim.clock);
    const b = new RedisCache(redis.url, sim.clock);
    await Promise.all([a.ready(), b.ready()]);
    await clientOnSim(sim, { cache: a }).client.fetchTicker('BTC/USDT');
    const before = sim.requestLog.length;
    const second = clientOnSim(sim, { cache: b });
    await second.client.fetchTicker('BTC/USDT');
    expect(sim.requestLog.length).toBe(before);
    expect(second.client.metrics.snapshot().dataTypes.ticker).toMatchObject({ hits: 1, upstreamCalls: 0 });
    await Promise.all([a.close(), b.close()]);
  });

  it('keeps serving through Redis being killed and restarted, with no error reaching the caller', async () => {
    const cache = new RedisCache(redis.url, sim.clock);
    await cache.ready();
    const { client } = clientOnSim(sim, { cache });
    expect(client.health().cache).toBe('redis');
    await client.fetchTicker('QRL/USDT');

    await redis.stop();
    await until(() => cache.status === 'redis-down', 'Redis to be seen down');
    for (let i = 0; i < 20; i++) {
      sim.clock.advance(5_000);
      await expect(client.fetchTicker('QRL/USDT')).resolves.toMatchObject({ symbol: 'QRL/USDT' });
    }
    expect(client.health().cache).toBe('redis-down');

    await redis.restart();
    await until(() => cache.status === 'redis', 'Redis to reconnect by itself');
    sim.clock.advance(31_000);
    await expect(client.fetchTicker('QRL/USDT')).resolves.toBeDefined();
    expect(client.health().cache).toBe('redis');
    await cache.close();
  });

  it('answers 50 concurrent identical reads with one upstream call through Redis too', async () => {
    const cache = new RedisCache(redis.url, sim.clock);
    await cache.ready();
    const { client } = clientOnSim(sim, { cache });
    await client.loadMarkets();
    const before = sim.requestLog.filter((r) => r.path === '/api/v3/depth').length;
    await Promise.all(Array.from({ length: 50 }, () => client.fetchOrderBook('ETH/USDT', 10)));
    expect(sim.requestLog.filter((r) => r.path === '/api/v3/depth').length - before).toBe(1);
    await cache.close();
  });

  it('works from memory when Redis is unreachable from the start, saying so', async () => {
    const cache = new RedisCache('redis://127.0.0.1:1', sim.clock);
    const { client } = clientOnSim(sim, { cache });
    await expect(client.fetchTicker('ETH/USDT')).resolves.toMatchObject({ symbol: 'ETH/USDT' });
    const before = sim.requestLog.length;
    await expect(client.fetchTicker('ETH/USDT')).resolves.toMatchObject({ symbol: 'ETH/USDT' });
    expect(sim.requestLog.length).toBe(before);
    expect(client.health().cache).toBe('redis-down');
    await cache.close();
  });

  it('stores keys under qrl:v1: with a TTL, and never an account key in a cache key', async () => {
    const cache = new RedisCache(redis.url, sim.clock);
    await cache.ready();
    const apiKey = 'mx0vREDISKEY00001';
    sim.accounts.addApiKey({ apiKey, secret: 'redis-secret-0123456789abcdef', balances: { USDT: '5' } });
    await clientOnSim(sim, { cache, keys: { apiKey, secret: 'redis-secret-0123456789abcdef' } }).client.fetchBalance();
    const { Redis } = await import('ioredis');
    const raw = new Redis(redis.url);
    const keys = await raw.keys('*');
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((key) => key.startsWith('qrl:v1:'))).toBe(true);
    expect(keys.join(' ')).not.toContain(apiKey);
    expect(await raw.pttl(keys.find((key) => key.includes('balance'))!)).toBeGreaterThan(0);
    raw.disconnect();
    await cache.close();
  });
});
