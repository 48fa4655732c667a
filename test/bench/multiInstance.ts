/**
 * Several instances, one budget (issue 16): three app instances, each a real
 * child process (test/support/instanceChild.ts) with the product's MexcClient,
 * against one simulator and one real redis-server started here. Called by
 * run.ts; see README.md ("Several instances").
 */
import { Redis } from 'ioredis';
import { startMexcSim, type MexcSim } from '../mexc-sim/index';
import { peakWindowWeight } from '../support/peakWindowWeight';
import { redisServerAvailable, startRedisServer } from '../support/redisServer';
import { InstanceChild, untilAllInstances, type InstanceChildArgs, type InstanceStatus } from '../support/spawnInstanceChild';
import { requestsOf, type Workload } from './workload';

const INSTANCES = 3;
/** per instance in a burst: account reads of weight 10 (IP and account), 300 each, 900 together: more than MEXC allows in 10 s */
const BURST_READS = 30;

export interface MultiInstanceOptions {
  workload: Workload;
  dayStart: number;
  keys: { apiKey: string; secret: string };
}

interface DayRow {
  processes: number;
  upstream: number;
  upstreamPerProcess: number[];
  limited: number;
  readErrors: number;
  wallSeconds: number;
}

interface BurstRow {
  requests: number;
  weightSent: number;
  limited429: number;
  banned418: number;
  peakWeight10s: { ip: number; account: number };
  failedReads: number;
  wallSeconds: number;
}

const refusals = (sim: MexcSim, status: number) => sim.requestLog.filter((r) => r.status === status).length;

async function simWith(keys: MultiInstanceOptions['keys'], options: Parameters<typeof startMexcSim>[0]): Promise<MexcSim> {
  const sim = await startMexcSim(options);
  sim.accounts.addApiKey({ ...keys, balances: { USDT: '1000', QRL: '100' } });
  return sim;
}

async function startInstances(count: number, args: InstanceChildArgs): Promise<InstanceChild[]> {
  const children = await Promise.all(Array.from({ length: count }, () => InstanceChild.start(args)));
  if (args.shared) await untilAllInstances(children, (s) => s.instances === count, 'every instance to count the others');
  return children;
}

/**
 * The standard day replayed by `processes` instances at once, each the whole
 * day's demand, REST only. Processes cannot share a virtual clock, so this
 * one drives theirs: each moment of the day it sets the simulator's clock and
 * theirs, and every instance does that moment's reads.
 */
async function day(options: MultiInstanceOptions, redisUrl: string, processes: number): Promise<DayRow> {
  const started = Date.now();
  await flush(redisUrl);
  const sim = await simWith(options.keys, { startTime: options.dayStart });
  const children = await startInstances(processes, { simUrl: sim.url, redisUrl, ...options.keys, shared: true, drivenClock: true, startAt: options.dayStart });
  const moments = new Map<number, string[]>();
  for (const [offset, type] of requestsOf(options.workload)) moments.set(offset, [...(moments.get(offset) ?? []), type]);
  let readErrors = 0;
  for (const [offset, reads] of moments) {
    sim.clock.set(options.dayStart + offset);
    const errors = await Promise.all(children.map((child) => child.send({ cmd: 'step', at: options.dayStart + offset, reads })));
    readErrors += errors.reduce((a, b) => a + b, 0);
  }
  const statuses = await Promise.all(children.map((child) => child.send({ cmd: 'status' })));
  await Promise.all(children.map((child) => child.close()));
  const row = {
    processes,
    upstream: sim.requestLog.length,
    upstreamPerProcess: statuses.map((s) => s.upstream),
    limited: refusals(sim, 429) + refusals(sim, 418),
    readErrors,
    wallSeconds: (Date.now() - started) / 1000,
  };
  await sim.close();
  return row;
}

/** Each row starts from an empty Redis: the day rows replay the same moments, so one would read what the other cached. */
async function flush(redisUrl: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    await redis.flushall();
  } finally {
    redis.disconnect();
  }
}

function burstRow(sim: MexcSim, statuses: InstanceStatus[], started: number): BurstRow {
  return {
    requests: sim.requestLog.length,
    weightSent: sim.requestLog.reduce((sum, r) => sum + r.weight, 0),
    limited429: refusals(sim, 429),
    banned418: refusals(sim, 418),
    peakWeight10s: peakWindowWeight(sim.requestLog),
    failedReads: statuses.reduce((sum, s) => sum + s.failed, 0),
    wallSeconds: (Date.now() - started) / 1000,
  };
}

/** Three instances burst at once, each as fast as one instance alone may go: sharing the budget through Redis, or each on its own. */
async function burst(options: MultiInstanceOptions, redisUrl: string, shared: boolean): Promise<BurstRow> {
  await flush(redisUrl);
  const sim = await simWith(options.keys, { useRealClock: true, startTime: Date.now() });
  const children = await startInstances(INSTANCES, { simUrl: sim.url, redisUrl, ...options.keys, shared });
  const started = Date.now();
  const statuses = await Promise.all(children.map((child) => child.send({ cmd: 'burst', read: 'myTrades', concurrency: 4, total: BURST_READS })));
  await Promise.all(children.map((child) => child.close()));
  const row = burstRow(sim, statuses, started);
  await sim.close();
  return row;
}

/** Three instances bursting without end; Redis killed once they read on the shared budget, restarted once each has read on its fallback share. */
async function redisKilled(options: MultiInstanceOptions, redis: Awaited<ReturnType<typeof startRedisServer>>) {
  await flush(redis.url);
  const sim = await simWith(options.keys, { useRealClock: true, startTime: Date.now() });
  const children = await startInstances(INSTANCES, { simUrl: sim.url, redisUrl: redis.url, ...options.keys, shared: true });
  const started = Date.now();
  await Promise.all(children.map((child) => child.send({ cmd: 'burst', read: 'myTrades', concurrency: 3 })));
  await untilAllInstances(children, (s) => s.done.shared >= 10, 'reads on the shared budget', 60_000);
  await redis.stop();
  const killedAt = Date.now();
  let local: InstanceStatus[];
  try {
    local = await untilAllInstances(children, (s) => s.mode === 'local' && s.done.local >= 10, 'reads on the fallback share', 60_000);
  } finally {
    await redis.restart();
  }
  const restartedAt = Date.now();
  const sharedBefore = local.map((s) => s.done.shared);
  await untilAllInstances(children, (s) => s.mode === 'shared', 'the return to the shared budget', 60_000);
  const back = await untilAllInstances(children, (s) => s.done.shared >= Math.max(...sharedBefore) + 10, 'reads on the shared budget again', 60_000);
  const statuses = await Promise.all(children.map((child) => child.send({ cmd: 'stopBurst' })));
  await Promise.all(children.map((child) => child.close()));
  const row = {
    ...burstRow(sim, statuses, started),
    redisDownSeconds: (restartedAt - killedAt) / 1000,
    fallbackShare: local[0]!.localShare,
    readsOnFallback: statuses.reduce((sum, s) => sum + s.done.local, 0),
    backOnSharedSeconds: (Date.now() - restartedAt) / 1000,
    switchesToLocal: back.reduce((sum, s) => sum + s.switches.toLocal, 0),
    switchesToShared: back.reduce((sum, s) => sum + s.switches.toShared, 0),
  };
  await sim.close();
  return row;
}

/** The three rows (null without a redis-server). */
export async function runMultiInstanceBench(options: MultiInstanceOptions) {
  if (!redisServerAvailable()) return null;
  const redis = await startRedisServer();
  try {
    const oneProcessDay = await day(options, redis.url, 1);
    const threeProcessDay = await day(options, redis.url, INSTANCES);
    const burstShared = await burst(options, redis.url, true);
    const burstAlone = await burst(options, redis.url, false);
    const killed = await redisKilled(options, redis);
    return { instances: INSTANCES, standardDay: { oneProcess: oneProcessDay, threeProcesses: threeProcessDay }, burst: { sharedBudget: burstShared, ownBudgets: burstAlone }, redisKilled: killed };
  } finally {
    await redis.stop();
  }
}

export type MultiInstanceReport = NonNullable<Awaited<ReturnType<typeof runMultiInstanceBench>>>;

/** The tables run.ts prints. */
export function printMultiInstance(report: MultiInstanceReport | null): void {
  if (!report) {
    console.log('Several instances: skipped (no redis-server)');
    return;
  }
  const { oneProcess, threeProcesses } = report.standardDay;
  console.log(`\nSeveral instances on one IP, one account, one Redis (${report.instances} child processes):`);
  console.table({
    'standard day, 1 process': { 'upstream REST calls': oneProcess.upstream, 'per process': oneProcess.upstreamPerProcess.join(' / '), '429/418': oneProcess.limited, 'read errors': oneProcess.readErrors },
    [`standard day, ${report.instances} processes`]: { 'upstream REST calls': threeProcesses.upstream, 'per process': threeProcesses.upstreamPerProcess.join(' / '), '429/418': threeProcesses.limited, 'read errors': threeProcesses.readErrors },
  });
  const row = (r: BurstRow) => ({ requests: r.requests, 'weight sent': r.weightSent, '429': r.limited429, '418': r.banned418, 'peak 10 s IP / account': `${r.peakWeight10s.ip} / ${r.peakWeight10s.account}`, 'failed reads': r.failedReads, 'wall s': r.wallSeconds.toFixed(1) });
  console.table({
    'burst, one budget (Redis)': row(report.burst.sharedBudget),
    'burst, each its own budget': row(report.burst.ownBudgets),
    'burst, Redis killed mid-run': { ...row(report.redisKilled), 'fallback share': report.redisKilled.fallbackShare.toFixed(3), 'reads on fallback': report.redisKilled.readsOnFallback },
  });
}
