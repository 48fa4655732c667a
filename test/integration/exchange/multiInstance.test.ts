import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMexcSim, type MexcSim } from '../../mexc-sim/index';
import { peakWindowWeight } from '../../support/peakWindowWeight';
import { missingRedisServerReason, startRedisServer } from '../../support/redisServer';
import { InstanceChild, untilAllInstances, type InstanceStatus } from '../../support/spawnInstanceChild';

// Issue 16, "Several instances, one budget": three real processes, one simulator, one real redis-server.
const skipReason = missingRedisServerReason();
const KEYS = { apiKey: 'mx0vSHAREDKEY0001', secret: 'shared-secret-0123456789abcdef' };

const refused = (sim: MexcSim) => sim.requestLog.filter((r) => r.status === 429 || r.status === 418).length;
const weightSent = (sim: MexcSim) => sim.requestLog.reduce((sum, r) => sum + r.weight, 0);

describe.skipIf(skipReason !== null)('three app instances on one IP, one account and one Redis', () => {
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  let sim: MexcSim;
  let children: InstanceChild[] = [];
  const startThree = async () => {
    children = await Promise.all([0, 1, 2].map(() => InstanceChild.start({ simUrl: sim.url, redisUrl: redis.url, ...KEYS, shared: true })));
    // Each knows it is one of three before anything is asked of it.
    await untilAllInstances(children, (s) => s.instances === 3 && s.redisUp, 'the heartbeat to count three instances');
  };

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterEach(async () => {
    await Promise.all(children.map((child) => child.close()));
    children = [];
    await sim?.close();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  const freshSim = async () => {
    sim = await startMexcSim({ useRealClock: true, startTime: Date.now() });
    sim.accounts.addApiKey({ ...KEYS, balances: { USDT: '1000' } });
  };

  it('bursting together, each as fast as one instance alone may go, they earn no 429 and no 10 s span sees more than 500 per IP or account', { timeout: 90_000 }, async () => {
    await freshSim();
    await startThree();
    const before = sim.requestLog.length;
    // 20 account reads of weight 10 (IP and account) each: 600 together, more than MEXC allows in 10 s.
    await Promise.all(children.map((child) => child.send({ cmd: 'burst', read: 'myTrades', concurrency: 4, total: 20 })));
    const burst = sim.requestLog.slice(before);
    expect(burst.reduce((sum, r) => sum + r.weight, 0)).toBeGreaterThan(500);
    expect(refused(sim)).toBe(0);
    const peak = peakWindowWeight(sim.requestLog);
    expect(peak.ip).toBeLessThanOrEqual(500);
    expect(peak.account).toBeLessThanOrEqual(500);
    const statuses = await Promise.all(children.map((child) => child.send({ cmd: 'status' })));
    expect(statuses.map((s) => s.done.shared)).toEqual([20, 20, 20]);
    expect(statuses.map((s) => s.failed)).toEqual([0, 0, 0]);
  });

  it('asked for the same order book at once, the three cause one upstream call between them', { timeout: 60_000 }, async () => {
    await freshSim();
    await startThree();
    const depth = () => sim.requestLog.filter((r) => r.path === '/api/v3/depth').length;
    // The one call is slow, so all three are surely asking while it is in flight.
    sim.faults.inject({ kind: 'latency', path: '/api/v3/depth', ms: 400, times: 3 });
    await Promise.all(children.map((child) => child.send({ cmd: 'read', read: 'orderBook', copies: 10 })));
    expect(depth()).toBe(1);
    const statuses = await Promise.all(children.map((child) => child.send({ cmd: 'status' })));
    expect(statuses.reduce((sum, s) => sum + s.flights.led, 0)).toBe(1);
    expect(statuses.reduce((sum, s) => sum + s.flights.followed, 0)).toBe(2);
  });

  it('with Redis killed mid-burst each falls back to a third of the budget, still no 429, and returns to the shared budget when Redis is back', { timeout: 150_000 }, async () => {
    await freshSim();
    await startThree();
    await Promise.all(children.map((child) => child.send({ cmd: 'burst', read: 'myTrades', concurrency: 3 })));
    await untilAllInstances(children, (s) => s.done.shared >= 3, 'reads on the shared budget');

    await redis.stop();
    let local: InstanceStatus[];
    try {
      local = await untilAllInstances(children, (s) => s.mode === 'local' && s.done.local >= 3, 'reads on the fallback share', 40_000);
    } finally {
      await redis.restart();
    }
    expect(local.map((s) => s.localShare)).toEqual([1 / 3, 1 / 3, 1 / 3]);

    const back = local.map((s) => s.done.shared);
    await untilAllInstances(children, (s) => s.mode === 'shared' && s.switches.toShared >= 1, 'the return to the shared budget', 30_000);
    const resumed = await untilAllInstances(children, (s) => s.done.shared >= back[0]! + 3, 'reads on the shared budget again', 30_000);
    await Promise.all(children.map((child) => child.send({ cmd: 'stopBurst' })));

    expect(resumed.every((s) => s.done.shared > back[0]!)).toBe(true);
    expect(refused(sim)).toBe(0);
    expect(weightSent(sim)).toBeGreaterThan(500);
    const peak = peakWindowWeight(sim.requestLog);
    expect(peak.ip).toBeLessThanOrEqual(500);
    expect(peak.account).toBeLessThanOrEqual(500);
  });
});
