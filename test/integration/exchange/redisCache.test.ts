import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../shared/contract';
import { defaultSettings } from '../../../shared/settings';
import { BotService } from '../../../main/core/bot/BotService';
import { RedisCache } from '../../../main/core/cache/RedisCache';
import { RedisConnection } from '../../../main/core/cache/RedisConnection';
import { redisKeyPrefix } from '../../../main/core/cache/redisKeyPrefix';
import { KeytarSecretEntry } from '../../../main/core/secrets/KeytarSecretEntry';
import { REDIS_PASSWORD_ACCOUNT } from '../../../main/core/secrets/RedisPassword';
import { SETTINGS_FILE } from '../../../main/core/settings/SettingsStore';
import { startMexcSim, type MexcSim } from '../../mexc-sim/index';
import { missingKeychainReason } from '../../support/keychainProbe';
import { MemorySecretEntry } from '../../support/MemorySecretEntry';
import { MemorySecretStore } from '../../support/MemorySecretStore';
import { missingRedisServerReason, startRedisServer } from '../../support/redisServer';
import { startEngineWebHost, type EngineWebHost } from '../../support/startEngineWebHost';
import { clientOnSim } from './clientOnSim';

const skipReason = missingRedisServerReason();
const keychainSkipReason = skipReason ?? (await missingKeychainReason());

/** Poll a condition on real time (Redis reconnects in real time); `probe` refreshes what it reads. */
async function until(condition: () => boolean, what: string, probe: () => Promise<unknown> = async () => undefined) {
  const deadline = Date.now() + 10_000;
  for (await probe(); !condition(); await probe()) {
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

  it('keeps its keys under REDIS_NAMESPACE when set (bot2:v1:…), apart from the default qrl:v1:', async () => {
    const connection = new RedisConnection(redis.url, { keyPrefix: redisKeyPrefix({ REDIS_NAMESPACE: 'bot2' }) });
    const bot2 = new RedisCache(connection, sim.clock);
    const qrl = new RedisCache(redis.url, sim.clock);
    await Promise.all([bot2.ready(), qrl.ready()]);
    await bot2.set('ticker:NS/USDT', { last: 1 }, sim.clock.now() + 30_000);
    const { Redis } = await import('ioredis');
    const raw = new Redis(redis.url);
    expect(await raw.keys('*:ticker:NS/USDT')).toEqual(['bot2:v1:ticker:NS/USDT']);
    raw.disconnect();
    expect(await qrl.get('ticker:NS/USDT')).toBeUndefined();
    expect(await bot2.get('ticker:NS/USDT')).toEqual({ last: 1 });
    await Promise.all([bot2.close(), qrl.close()]);
    connection.close();
  });

  it("misses an entry past its expiry on the reader's clock even while Redis still holds it (a virtual day, a clock ahead)", async () => {
    const cache = new RedisCache(redis.url, sim.clock);
    await cache.ready();
    await cache.set('ticker:EXP/USDT', { last: 2 }, sim.clock.now() + 30_000);
    expect(await cache.get('ticker:EXP/USDT')).toEqual({ last: 2 });
    sim.clock.advance(30_000);
    expect(await cache.get('ticker:EXP/USDT')).toBeUndefined();
    await cache.close();
  });
});

/** Every file the engine wrote in its data folder (settings, backup, journal…), as text. */
function dataFiles(dataDir: string): string {
  return readdirSync(dataDir)
    .map((name) => `${name}\n${readFileSync(path.join(dataDir, name), 'utf8')}`)
    .join('\n');
}

async function qrlKeysIn(url: string, password: string): Promise<string[]> {
  const { Redis } = await import('ioredis');
  const raw = new Redis(url, { password });
  try {
    return await raw.keys('qrl:v1:*');
  } finally {
    raw.disconnect();
  }
}

describe.skipIf(keychainSkipReason !== null)('a password-protected redis-server, the password in the real OS keychain', () => {
  const PASSWORD = `redis-pw-${randomBytes(6).toString('hex')}`;
  // A keychain service of its own per run, so the test never touches a user's real entry.
  const entry = new KeytarSecretEntry(REDIS_PASSWORD_ACCOUNT, `qrl-tray-bot-test-${randomBytes(4).toString('hex')}`);
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  let engine: EngineWebHost;
  const logs: LogEntry[] = [];
  beforeAll(async () => {
    redis = await startRedisServer({ password: PASSWORD });
    engine = await startEngineWebHost({ redisPassword: entry });
    engine.service.on('log', (entry) => logs.push(entry));
  });
  afterAll(async () => {
    await engine?.close();
    await redis?.stop();
    await entry.clear();
  });

  it('is reached with the password from the keychain; settings, their file and the logs hold the URL without it', { timeout: 30_000 }, async () => {
    const saved = await engine.service.handlers.setSettings({ ...engine.service.settings, redisUrl: `redis://:${PASSWORD}@127.0.0.1:${redis.port}` });
    expect(saved).toMatchObject({ redisUrl: redis.url, redisPasswordStored: true });
    expect(await entry.load()).toBe(PASSWORD);

    await until(() => engine.service.snapshot().apiHealth?.cache === 'redis', 'the engine to reach Redis with the keychain password');
    // The market feeds read through it: their entries are in this password-protected Redis.
    let keys: string[] = [];
    await until(() => keys.length > 0, 'cached reads in Redis', async () => (keys = await qrlKeysIn(redis.url, PASSWORD)));

    const page = JSON.stringify([await engine.service.handlers.getSettings(undefined), engine.service.snapshot()]);
    expect(page).not.toContain(PASSWORD);
    expect(dataFiles(engine.dataDir)).not.toContain(PASSWORD);
    expect(JSON.parse(readFileSync(path.join(engine.dataDir, SETTINGS_FILE), 'utf8'))).toMatchObject({ redisUrl: redis.url, redisPasswordStored: true });
    expect(logs.map((entry) => entry.message).join('\n')).not.toContain(PASSWORD);
  });

  it('says why when the keychain holds a wrong password, quoting neither', { timeout: 30_000 }, async () => {
    const wrong = `wrong-pw-${randomBytes(6).toString('hex')}`;
    await entry.save(wrong);
    await engine.service.handlers.setSettings({ ...engine.service.settings, redisUrl: `redis://127.0.0.1:${redis.port}` });
    await until(() => logs.some((entry) => entry.message.startsWith('Redis is unavailable')), 'the refusal to be logged');
    const refusal = logs.find((entry) => entry.message.startsWith('Redis is unavailable'))!;
    expect(refusal.message).toMatch(/WRONGPASS|NOAUTH|invalid/i);
    expect(engine.service.snapshot().apiHealth?.cache).toBe('redis-down');
    const everything = JSON.stringify([logs, engine.service.snapshot(), await engine.service.handlers.getSettings(undefined)]) + dataFiles(engine.dataDir);
    expect(everything).not.toContain(wrong);
    expect(everything).not.toContain(PASSWORD);
  });
});

describe.skipIf(skipReason !== null)('a settings file that still holds a Redis password', () => {
  it('moves it to the keychain on start, rewrites the file and its backup, and connects with it', { timeout: 30_000 }, async () => {
    const password = `old-file-pw-${randomBytes(6).toString('hex')}`;
    const redis = await startRedisServer({ password });
    const sim = await startMexcSim({ useRealClock: true, startTime: Date.now() });
    const dataDir = mkdtempSync(path.join(tmpdir(), 'qtb-redis-'));
    writeFileSync(path.join(dataDir, SETTINGS_FILE), JSON.stringify({ ...defaultSettings(), redisUrl: `redis://:${password}@127.0.0.1:${redis.port}` }));
    const entry = new MemorySecretEntry();
    const service = new BotService({ secretStore: new MemorySecretStore(), redisPassword: entry, dataDir, exchangeBaseUrl: sim.url, exchangeStreamUrl: null, sleep: async () => undefined });
    try {
      await service.init();
      expect(entry.value).toBe(password);
      expect(dataFiles(dataDir)).not.toContain(password);
      expect(service.settings).toMatchObject({ redisUrl: redis.url, redisPasswordStored: true });
      await until(() => service.snapshot().apiHealth?.cache === 'redis', 'the engine to reach Redis with the moved password');
    } finally {
      await service.close();
      await sim.close();
      await redis.stop();
    }
  });
});
