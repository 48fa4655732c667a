/**
 * `npm run bench [-- --json] [-- --workload file.json] [-- --replay-no-cache]`:
 * the exchange client against the MEXC simulator, the day on a virtual clock.
 * Prints tables; with --json, one JSON object as the last line. See README.md.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultSettings } from '../../shared/settings';
import type { Cache } from '../../main/core/cache/Cache';
import { MemoryCache } from '../../main/core/cache/MemoryCache';
import { RedisCache } from '../../main/core/cache/RedisCache';
import { MexcClient } from '../../main/core/exchange/MexcClient';
import { MEXC_LIMIT, weightOf } from '../../main/core/exchange/mexcWeights';
import { createMexcExchange, type SpotOnlyMexc } from '../../main/core/exchange/SpotOnlyMexc';
import { startMexcSim, type MexcSim } from '../mexc-sim/index';
import { NullCache } from '../support/NullCache';
import { redisServerAvailable, startRedisServer } from '../support/redisServer';
import { VirtualTime } from '../support/VirtualTime';
import { printMultiInstance, runMultiInstanceBench } from './multiInstance';
import { measureStartup, printStartup } from './startup';
import { loadWorkload, periodHours, requestsOf, type Workload, type WorkloadDataType } from './workload';

const SYMBOL = 'QRL/USDT';
const DAY_START = Date.UTC(2026, 10, 25, 0, 0, 0);
const KEYS = { apiKey: 'mx0vBENCHKEY00001', secret: 'bench-secret-0123456789abcdef' };
const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const workloadFile = args.includes('--workload') ? path.resolve(args[args.indexOf('--workload') + 1]!) : path.join(here, 'standardDay.json');
const ttl = defaultSettings().cacheTtl;

/** Each workload data type as one MEXC request (what a read costs with no cache). */
const requestOf: Record<WorkloadDataType, { method: string; path: string; params: Record<string, unknown>; ttlSeconds: number }> = {
  ticker: { method: 'GET', path: 'ticker/24hr', params: { symbol: 'QRLUSDT' }, ttlSeconds: ttl.ticker },
  orderBook: { method: 'GET', path: 'depth', params: { symbol: 'QRLUSDT' }, ttlSeconds: ttl.orderBook },
  deals: { method: 'GET', path: 'aggTrades', params: { symbol: 'QRLUSDT' }, ttlSeconds: ttl.deals },
  balance: { method: 'GET', path: 'account', params: {}, ttlSeconds: ttl.balance },
  ohlcv: { method: 'GET', path: 'klines', params: { symbol: 'QRLUSDT' }, ttlSeconds: ttl.ohlcv },
};

type Reader = ((type: WorkloadDataType) => Promise<unknown>) & { close?(): void };
interface DayResult {
  upstream: number;
  peakWeightShare: number;
  limited: number;
  errors: number;
  perType: Partial<Record<WorkloadDataType | 'other', number>>;
}

async function newSim(options: Parameters<typeof startMexcSim>[0] = {}): Promise<MexcSim> {
  const sim = await startMexcSim({ startTime: DAY_START, ...options });
  sim.accounts.addApiKey({ ...KEYS, balances: { USDT: '1000', QRL: '100' } });
  return sim;
}

/**
 * The product's client; with `time`, on MEXC's WebSocket as the app runs it
 * (its pings, reconnects and listenKey renewals on the day's virtual timers,
 * so the simulator's idle and 24 h rules see what MEXC would), else REST only.
 */
function clientFor(sim: MexcSim, cache: Cache, time?: VirtualTime) {
  const exchange = createMexcExchange({ baseUrl: sim.url, clock: sim.clock, timeoutMs: 30_000, ...KEYS });
  const sleep = time ? (ms: number) => time.sleep(ms) : async (ms: number) => sim.clock.advance(ms);
  return new MexcClient({ exchange, cache, ttls: ttl, clock: sim.clock, sleep, random: () => 0.5, streamUrl: time ? sim.ws.url : null, timers: time });
}

/** (a) no cache: every consumer request goes to MEXC. */
function rawReader(exchange: SpotOnlyMexc): Reader {
  return (type) =>
    ({
      ticker: () => exchange.fetchTicker(SYMBOL),
      orderBook: () => exchange.fetchOrderBook(SYMBOL, 20),
      deals: () => exchange.fetchTrades(SYMBOL, undefined, 50),
      balance: () => exchange.fetchBalance(),
      ohlcv: () => exchange.fetchOHLCV(SYMBOL, '1d', undefined, 120),
    })[type]();
}

/** (b) the original bot's plain TTL cache: its table, keyed by method; no single-flight, no candle-aware expiry, no batching. */
function plainCacheReader(exchange: SpotOnlyMexc, sim: MexcSim): Reader {
  const cache = new Map<string, { value: unknown; until: number }>();
  const raw = rawReader(exchange);
  return async (type) => {
    const hit = cache.get(type);
    if (hit && hit.until > sim.clock.now()) return hit.value;
    const value = await raw(type);
    cache.set(type, { value, until: sim.clock.now() + requestOf[type].ttlSeconds * 1000 });
    return value;
  };
}

/** (c) this client. */
function clientReader(client: MexcClient): Reader {
  const reader: Reader = (type) =>
    ({
      ticker: () => client.fetchTicker(SYMBOL),
      orderBook: () => client.fetchOrderBook(SYMBOL, 20),
      deals: () => client.fetchTrades(SYMBOL, 50),
      balance: () => client.fetchBalance(),
      ohlcv: () => client.fetchOHLCV(SYMBOL, '1d', { limit: 120 }),
    })[type]();
  reader.close = () => client.close();
  return reader;
}

const pathType = new Map(Object.entries(requestOf).map(([type, r]) => [`/api/v3/${r.path}`, type as WorkloadDataType]));

/** Peak weight in one of MEXC's fixed 10 s windows, as a share of the limit (the simulator's own count). */
function peakShare(entries: { time: number; weight: number }[]): number {
  const windows = new Map<number, number>();
  for (const r of entries) {
    const w = Math.floor(r.time / MEXC_LIMIT.windowMs);
    windows.set(w, (windows.get(w) ?? 0) + r.weight);
  }
  return windows.size ? Math.max(...windows.values()) / MEXC_LIMIT.maxWeight : 0;
}

/**
 * Replays the day. A reader made with `time` runs on it: its timers run as
 * the day moves, the simulator's clock following; others move the
 * simulator's clock directly.
 */
async function replayDay(workload: Workload, make: (sim: MexcSim, time: VirtualTime | null) => Reader, { onTimers = false } = {}): Promise<DayResult> {
  const sim = await newSim({ enforceRateLimit: true });
  const time = onTimers ? new VirtualTime(DAY_START) : null;
  time?.onTick((now) => sim.clock.set(now));
  const read = make(sim, time);
  let errors = 0;
  for (const [offset, type] of requestsOf(workload)) {
    if (time) {
      // Timers falling due run on the way; the pushes of each moment go out (and arrive) before the read.
      if (DAY_START + offset > time.now()) await time.advance(DAY_START + offset - time.now());
    } else if (DAY_START + offset > sim.clock.now()) {
      sim.clock.set(DAY_START + offset);
      // Let the simulator's pushes for the new moment go out (and arrive) before the read.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await read(type).catch(() => errors++);
  }
  read.close?.();
  const perType: DayResult['perType'] = {};
  for (const r of sim.requestLog) {
    const type = pathType.get(r.path) ?? 'other';
    perType[type] = (perType[type] ?? 0) + 1;
  }
  const result = { upstream: sim.requestLog.length, peakWeightShare: peakShare(sim.requestLog), limited: sim.requestLog.filter((r) => r.status === 429 || r.status === 418).length, errors, perType };
  await sim.close();
  return result;
}

/**
 * (a) needs no replay to count: with no cache every read is one request, of
 * MEXC's weight for it (--replay-no-cache sends them all to the simulator).
 */
function noCacheByDefinition(workload: Workload): DayResult {
  const requests = requestsOf(workload);
  const entries = requests.map(([offset, type]) => {
    const r = requestOf[type];
    const weight = weightOf(r.method, r.path, r.params);
    return { time: DAY_START + offset, weight: weight.ip };
  });
  const perType: DayResult['perType'] = {};
  for (const [, type] of requests) perType[type] = (perType[type] ?? 0) + 1;
  return { upstream: requests.length, peakWeightShare: peakShare(entries), limited: 0, errors: 0, perType };
}

/** The fewest REST calls any client can make while never serving data older than the TTL table: one per TTL with demand in it. */
function ttlFloor(workload: Workload): number {
  const last = new Map<WorkloadDataType, number>();
  let calls = 0;
  for (const [offset, type] of requestsOf(workload)) {
    const fetchedAt = last.get(type);
    if (fetchedAt !== undefined && offset < fetchedAt + requestOf[type].ttlSeconds * 1000) continue;
    last.set(type, offset);
    calls++;
  }
  return calls;
}

async function cachedLatency(cache: Cache, sim: MexcSim): Promise<{ p50: number; p99: number }> {
  const client = clientFor(sim, cache);
  await client.fetchTicker(SYMBOL);
  const samples: number[] = [];
  for (let i = 0; i < 5_000; i++) {
    const started = process.hrtime.bigint();
    await client.fetchTicker(SYMBOL);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(samples.length / 2)]!, p99: samples[Math.floor(samples.length * 0.99)]! };
}

async function concurrentReads(sim: MexcSim, cache: Cache, symbol: string): Promise<number> {
  const client = clientFor(sim, cache);
  await client.loadMarkets();
  const depth = () => sim.requestLog.filter((r) => r.path === '/api/v3/depth').length;
  const before = depth();
  await Promise.all(Array.from({ length: 50 }, () => client.fetchOrderBook(symbol, 20)));
  return depth() - before;
}

/**
 * 1000 mixed reads as fast as each client lets them go, against the
 * simulator's strict limiter (shared pools, a ban after 10 × 429) on the real
 * clock. This client reads with no cache, so every read is a request. ccxt's
 * throttle charges a ticker 25 (1.25 s each), so its mix reads avgPrice
 * instead: the same MEXC weight (1), a fairer race for ccxt.
 */
async function burst(kind: 'client' | 'ccxt') {
  const sim = await newSim({ useRealClock: true, startTime: Date.now() });
  const calls = ['klines', 'depth', 'aggTrades', 'ticker'] as const;
  const started = Date.now();
  let failed = 0;
  if (kind === 'client') {
    const exchange = createMexcExchange({ baseUrl: sim.url, ...KEYS });
    const client = new MexcClient({ exchange, cache: new NullCache(), ttls: ttl, clock: { now: () => Date.now() }, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
    for (let i = 0; i < 1000; i++) {
      const call = calls[i % calls.length]!;
      await (call === 'klines'
        ? client.fetchOHLCV(SYMBOL, '1m', { limit: 5 })
        : call === 'depth'
          ? client.fetchOrderBook(SYMBOL, 20)
          : call === 'aggTrades'
            ? client.fetchTrades(SYMBOL, 10)
            : client.fetchTicker(SYMBOL)
      ).catch(() => failed++);
    }
  } else {
    const exchange = createMexcExchange({ baseUrl: sim.url, ...KEYS, enableRateLimit: true });
    await exchange.loadMarkets();
    for (let i = 0; i < 1000; i++) {
      const call = calls[i % calls.length]!;
      await (call === 'klines'
        ? exchange.fetchOHLCV(SYMBOL, '1m', undefined, 5)
        : call === 'depth'
          ? exchange.fetchOrderBook(SYMBOL, 20)
          : call === 'aggTrades'
            ? exchange.fetchTrades(SYMBOL, undefined, 10)
            : exchange.spotPublicGetAvgPrice({ symbol: 'QRLUSDT' })
      ).catch(() => failed++);
    }
  }
  const result = {
    requests: sim.requestLog.length,
    limited429: sim.requestLog.filter((r) => r.status === 429).length,
    banned418: sim.requestLog.filter((r) => r.status === 418).length,
    failedReads: failed,
    wallSeconds: (Date.now() - started) / 1000,
  };
  await sim.close();
  return result;
}

const workload = loadWorkload(workloadFile);
const benchStarted = Date.now();
const demand = requestsOf(workload).length;
// The bursts mostly wait (on limits and throttles): run them beside the CPU-bound day replays.
const bursts = Promise.all([burst('client'), burst('ccxt')]);
const noCache = args.includes('--replay-no-cache')
  ? await replayDay(workload, (sim) => rawReader(createMexcExchange({ baseUrl: sim.url, clock: sim.clock, timeoutMs: 30_000, ...KEYS })))
  : noCacheByDefinition(workload);
const plain = await replayDay(workload, (sim) => plainCacheReader(createMexcExchange({ baseUrl: sim.url, clock: sim.clock, timeoutMs: 30_000, ...KEYS }), sim));
const ours = await replayDay(workload, (sim, time) => clientReader(clientFor(sim, new MemoryCache(sim.clock), time ?? undefined)), { onTimers: true });
const oursRestOnly = await replayDay(workload, (sim) => clientReader(clientFor(sim, new MemoryCache(sim.clock))));
const floor = ttlFloor(workload);

const latencySim = await newSim({ enforceRateLimit: false });
const memoryLatency = await cachedLatency(new MemoryCache(latencySim.clock), latencySim);
const concurrentMemory = await concurrentReads(latencySim, new MemoryCache(latencySim.clock), 'QRL/USDT');
let redisLatency: { p50: number; p99: number } | null = null;
let concurrentRedis: number | null = null;
if (redisServerAvailable()) {
  const redis = await startRedisServer();
  const cache = new RedisCache(redis.url, latencySim.clock);
  await cache.ready();
  redisLatency = await cachedLatency(cache, latencySim);
  concurrentRedis = await concurrentReads(latencySim, cache, 'BTC/USDT');
  await cache.close();
  await redis.stop();
}
await latencySim.close();

const [burstClient, burstCcxt] = await bursts;
// Several instances, one budget (issue 16): child processes on one Redis, after the rest so they do not compete for the CPU.
const multiInstance = await runMultiInstanceBench({ workload, dayStart: DAY_START, keys: KEYS });
// Alone, after the rest: start-up times must not share the CPU with the replays.
const startup = await measureStartup();

const report = {
  workload: path.basename(workloadFile),
  periodHours: periodHours(workload),
  demandRequests: demand,
  upstream: { noCache: noCache.upstream, plainTtlCache: plain.upstream, thisClient: ours.upstream, thisClientRestOnly: oursRestOnly.upstream, ttlFloor: floor },
  upstreamPerType: { noCache: noCache.perType, plainTtlCache: plain.perType, thisClient: ours.perType, thisClientRestOnly: oursRestOnly.perType },
  thisClientShareOfNoCache: ours.upstream / noCache.upstream,
  peakWeightShare: { noCache: noCache.peakWeightShare, plainTtlCache: plain.peakWeightShare, thisClient: ours.peakWeightShare, thisClientRestOnly: oursRestOnly.peakWeightShare },
  rateLimited: { noCache: noCache.limited, plainTtlCache: plain.limited, thisClient: ours.limited, thisClientRestOnly: oursRestOnly.limited },
  readErrors: { noCache: noCache.errors, plainTtlCache: plain.errors, thisClient: ours.errors, thisClientRestOnly: oursRestOnly.errors },
  cachedReadLatencyMs: { memory: memoryLatency, redis: redisLatency },
  concurrent50Upstream: { memory: concurrentMemory, redis: concurrentRedis },
  burst1000: { thisClient: burstClient, ccxtThrottle: burstCcxt },
  multiInstance,
  startup,
  benchSeconds: (Date.now() - benchStarted) / 1000,
};

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
console.log(`\nWorkload ${report.workload}: ${demand} reads wanted over ${report.periodHours} h (virtual time)\n`);
console.table({
  '(a) no cache': { 'upstream REST calls': noCache.upstream, 'share of (a)': pct(1), 'peak weight / limit': pct(noCache.peakWeightShare), '429/418': noCache.limited },
  '(b) plain TTL cache (seed table)': { 'upstream REST calls': plain.upstream, 'share of (a)': pct(plain.upstream / noCache.upstream), 'peak weight / limit': pct(plain.peakWeightShare), '429/418': plain.limited },
  '(c) this client (WebSocket streams + REST)': { 'upstream REST calls': ours.upstream, 'share of (a)': pct(report.thisClientShareOfNoCache), 'peak weight / limit': pct(ours.peakWeightShare), '429/418': ours.limited },
  "(c') this client, streams off (REST only)": { 'upstream REST calls': oursRestOnly.upstream, 'share of (a)': pct(oursRestOnly.upstream / noCache.upstream), 'peak weight / limit': pct(oursRestOnly.peakWeightShare), '429/418': oursRestOnly.limited },
  'floor: any REST poller within the TTLs': { 'upstream REST calls': floor, 'share of (a)': pct(floor / noCache.upstream), 'peak weight / limit': '', '429/418': '' },
});
console.log('upstream calls per data type:');
console.table({ '(a)': noCache.perType, '(b)': plain.perType, '(c)': ours.perType, "(c')": oursRestOnly.perType });
console.table({
  'cached read, memory': { 'p50 ms': memoryLatency.p50.toFixed(4), 'p99 ms': memoryLatency.p99.toFixed(4) },
  'cached read, Redis (loopback)': { 'p50 ms': redisLatency?.p50.toFixed(4) ?? 'n/a', 'p99 ms': redisLatency?.p99.toFixed(4) ?? 'n/a' },
});
console.log(`50 concurrent identical reads: ${concurrentMemory} upstream call(s) with memory, ${concurrentRedis ?? 'n/a'} with Redis`);
console.table({
  'this client (MEXC weights)': burstClient,
  "ccxt's built-in throttle": burstCcxt,
});
printMultiInstance(multiInstance);
printStartup(startup);
console.log(`bench took ${report.benchSeconds.toFixed(1)} s`);
if (args.includes('--json')) console.log(JSON.stringify(report));
process.exit(0);
