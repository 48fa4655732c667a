import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RedisConnection } from '../../../main/core/cache/RedisConnection';
import { redisKeyPrefix } from '../../../main/core/cache/redisKeyPrefix';
import { weightOf } from '../../../main/core/exchange/mexcWeights';
import { RedisWeightWindow } from '../../../main/core/exchange/RedisWeightWindow';
import { missingRedisServerReason, startRedisServer } from '../../support/redisServer';

// Issue 16: the shared window's Lua script against a real redis-server. Time is passed in (a virtual clock) where the
// test is about sliding; one test checks that Redis's own TIME stamps the window otherwise.
const skipReason = missingRedisServerReason();
const WINDOW = 10_000;
const BUDGET = 450;

describe.skipIf(skipReason !== null)('RedisWeightWindow (the shared MEXC budget in Redis)', () => {
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  let raw: Redis;
  const connections: RedisConnection[] = [];
  let now = 1_000_000_000;

  const connect = async (env: NodeJS.ProcessEnv = {}) => {
    const connection = new RedisConnection(redis.url, { keyPrefix: redisKeyPrefix(env), commandTimeoutMs: 5_000 });
    connections.push(connection);
    await connection.ready();
    return connection;
  };
  const windowOn = (connection: RedisConnection, options: { account?: string | null; virtual?: boolean } = {}) =>
    new RedisWeightWindow({ connection, account: options.account ?? 'acct0001', windowMs: WINDOW, budget: BUDGET, now: options.virtual === false ? undefined : () => now });

  beforeAll(async () => {
    redis = await startRedisServer();
    raw = new Redis(redis.url);
  });
  afterEach(async () => {
    connections.splice(0).forEach((connection) => connection.close());
    await raw.flushall();
  });
  afterAll(async () => {
    raw?.disconnect();
    await redis?.stop();
  });

  it("charges MEXC's weights: a signed account read 10 on the IP and the account, a public ticker 1 on the IP only", async () => {
    const window = windowOn(await connect());
    expect(await window.reserve(weightOf('GET', 'account'))).toMatchObject({ admitted: true, used: { ip: 10, account: 10 } });
    expect(await window.reserve(weightOf('GET', 'ticker/24hr', { symbol: 'QRLUSDT' }))).toMatchObject({ admitted: true, used: { ip: 11, account: 10 } });
    expect(await window.reserve(weightOf('GET', 'ticker/24hr'))).toMatchObject({ admitted: true, used: { ip: 51, account: 10 } });
  });

  it('refuses what would pass the budget and says how long until the oldest weight leaves; admits once it has slid out', async () => {
    const window = windowOn(await connect());
    await window.reserve({ ip: 400, uid: 0 });
    now += 3_000;
    await window.reserve({ ip: 40, uid: 0 });
    const refused = await window.reserve({ ip: 20, uid: 0 });
    expect(refused).toMatchObject({ admitted: false, waitMs: 7_000, used: { ip: 440 } });
    now += 6_999;
    expect(await window.reserve({ ip: 20, uid: 0 })).toMatchObject({ admitted: false, waitMs: 1 });
    now += 1;
    expect(await window.reserve({ ip: 20, uid: 0 })).toMatchObject({ admitted: true, used: { ip: 60 } });
  });

  it('holds a request back when the account pool is full even if the IP pool has room', async () => {
    const connection = await connect();
    const window = windowOn(connection);
    await window.reserve({ ip: 10, uid: 450 });
    expect(await window.reserve({ ip: 1, uid: 1 })).toMatchObject({ admitted: false, waitMs: WINDOW });
    // Another account on the same IP is not held back by this one's pool.
    expect(await windowOn(connection, { account: 'acct0002' }).reserve({ ip: 1, uid: 1 })).toMatchObject({ admitted: true, used: { ip: 11, account: 1 } });
  });

  it('never admits more than the budget when 20 connections race for it at the same moment (check-and-add is atomic)', async () => {
    const windows = await Promise.all(Array.from({ length: 20 }, async () => windowOn(await connect())));
    const answers = await Promise.all(windows.flatMap((window) => Array.from({ length: 10 }, () => window.reserve({ ip: 7, uid: 7 }))));
    const admitted = answers.filter((a) => a.admitted);
    expect(admitted).toHaveLength(Math.floor(BUDGET / 7));
    expect(answers.filter((a) => !a.admitted).every((a) => a.waitMs === WINDOW)).toBe(true);
    expect(Math.max(...answers.map((a) => a.used.ip))).toBe(Math.floor(BUDGET / 7) * 7);
  });

  it("stamps the window with Redis's own TIME when no clock is passed, and a settled request counts from its answer", async () => {
    const window = windowOn(await connect(), { virtual: false });
    const [before] = await raw.time();
    const reservation = await window.reserve({ ip: 5, uid: 0 });
    const [seconds, micros] = await raw.time();
    const after = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    const [, score] = await raw.zrange('qrl:v1:weight:ip:default', 0, -1, 'WITHSCORES');
    expect(Number(score)).toBeGreaterThanOrEqual(Number(before) * 1000);
    expect(Number(score)).toBeLessThanOrEqual(after);
    // Answered later: the same member, restamped, still one entry of weight 5.
    await window.settle(reservation.token, { ip: 5, uid: 0 });
    const entries = await raw.zrange('qrl:v1:weight:ip:default', 0, -1, 'WITHSCORES');
    expect(entries).toHaveLength(2);
    expect(entries[0]).toBe(`${reservation.token}:5`);
    expect(Number(entries[1])).toBeGreaterThanOrEqual(Number(score));
    expect(await raw.pttl('qrl:v1:weight:ip:default')).toBeGreaterThan(0);
  });

  it('takes weight spent while Redis was away at its age, and shares a Retry-After pause with every instance', async () => {
    const connection = await connect();
    const window = windowOn(connection);
    await window.handOver([
      { scope: 'ip', ageMs: 9_000, weight: 100 },
      { scope: 'account', ageMs: 2_000, weight: 30 },
      { scope: 'ip', ageMs: 12_000, weight: 500 }, // older than a window: gone already
    ]);
    expect(await window.reserve({ ip: 1, uid: 1 })).toMatchObject({ admitted: true, used: { ip: 101, account: 31 } });
    now += 1_000;
    expect(await window.reserve({ ip: 1, uid: 0 })).toMatchObject({ admitted: true, used: { ip: 2 } });

    await window.pause(60_000);
    await window.pause(5_000); // a shorter one never cuts the longer short
    now += 1_000;
    expect(await windowOn(await connect()).reserve({ ip: 1, uid: 0 })).toMatchObject({ admitted: false, waitMs: 59_000 });
  });

  it('keeps its keys under the namespace: qrl:v1: by default, REDIS_NAMESPACE apart (two namespaces, two budgets)', async () => {
    const qrl = windowOn(await connect());
    const other = windowOn(await connect({ REDIS_NAMESPACE: 'bot2' }));
    await qrl.reserve({ ip: 450, uid: 0 });
    expect(await other.reserve({ ip: 450, uid: 0 })).toMatchObject({ admitted: true });
    expect((await raw.keys('*')).sort()).toEqual(['bot2:v1:weight:ip:default', 'qrl:v1:weight:ip:default']);
  });

  it('names the account by the fingerprint it is given, never anything else', async () => {
    await windowOn(await connect(), { account: 'f00dfeedf00dfeed' }).reserve(weightOf('GET', 'account'));
    expect((await raw.keys('*')).sort()).toEqual(['qrl:v1:weight:account:f00dfeedf00dfeed', 'qrl:v1:weight:ip:default']);
  });

  it('rejects while Redis is unreachable, so the caller takes its fallback', async () => {
    const connection = new RedisConnection('redis://127.0.0.1:1', { commandTimeoutMs: 200 });
    connections.push(connection);
    await connection.firstAttempt;
    await expect(windowOn(connection).reserve({ ip: 1, uid: 0 })).rejects.toThrow();
  });
});
