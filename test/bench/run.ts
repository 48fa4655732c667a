/**
 * `npm run bench [-- --json] [-- --workload file.json]`: the exchange client
 * against the MEXC simulator on a virtual clock. Prints a table; with --json,
 * one JSON object as the last line.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultSettings } from '../../shared/settings';
import type { Cache } from '../../main/core/cache/Cache';
import { MemoryCache } from '../../main/core/cache/MemoryCache';
import { RedisCache } from '../../main/core/cache/RedisCache';
import { MexcClient } from '../../main/core/exchange/MexcClient';
import { createMexcExchange, type SpotOnlyMexc } from '../../main/core/exchange/SpotOnlyMexc';
import { startMexcSim, type MexcSim } from '../mexc-sim/index';
import { NullCache } from '../support/NullCache';
import { redisServerAvailable, startRedisServer } from '../support/redisServer';
import { loadWorkload, requestsOf, type Workload } from './workload';

const SYMBOL = 'QRL/USDT';
const DAY_START = Date.UTC(2026, 10, 25, 0, 0, 0);
const KEYS = { apiKey: 'mx0vBENCHKEY00001', secret: 'bench-secret-0123456789abcdef' };
const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const workloadFile = args.includes('--workload') ? args[args.indexOf('--workload') + 1]! : path.join(here, 'standardDay.json');

type Reader = (type: string) => Promise<unknown>;

async function newSim(options: Parameters<typeof startMexcSim>[0] = {}): Promise<MexcSim> {
  const sim = await startMexcSim({ startTime: DAY_START, ...options });
  sim.accounts.addApiKey({ ...KEYS, balances: { USDT: '1000', QRL: '100' } });
  return sim;
}

function clientFor(sim: MexcSim, cache: Cache, ttls = defaultSettings().cacheTtl) {
  const exchange = createMexcExchange({ baseUrl: sim.url, clock: sim.clock, ...KEYS });
  return new MexcClient({ exchange, cache, ttls, clock: sim.clock, sleep: async (ms) => sim.clock.advance(ms), random: () => 0.5 });
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
    })[type]!();
}

/** (b) the original bot's plain TTL cache: its table, keyed by method, nothing else. */
function plainCacheReader(exchange: SpotOnlyMexc, sim: MexcSim): Reader {
  const ttl = defaultSettings().cacheTtl;
  const seconds: Record<string, number> = { ticker: ttl.ticker, orderBook: ttl.orderBook, deals: ttl.deals, balance: ttl.balance, ohlcv: ttl.ohlcv };
  const cache = new Map<string, { value: unknown; until: number }>();
  const raw = rawReader(exchange);
  return async (type) => {
    const hit = cache.get(type);
    if (hit && hit.until > sim.clock.now()) return hit.value;
    const value = await raw(type);
    cache.set(type, { value, until: sim.clock.now() + seconds[type]! * 1000 });
    return value;
  };
}

/** (c) this client. */
function clientReader(client: MexcClient): Reader {
  return (type) =>
    ({
      ticker: () => client.fetchTicker(SYMBOL),
      orderBook: () => client.fetchOrderBook(SYMBOL, 20),
      deals: () => client.fetchTrades(SYMBOL, 50),
      balance: () => client.fetchBalance(),
      ohlcv: () => client.fetchOHLCV(SYMBOL, '1d', { limit: 120 }),
    })[type]!();
}

async function replayDay(workload: Workload, make: (sim: MexcSim) => { read: Reader; peak?: () => number }) {
  const sim = await newSim({ enforceRateLimit: true, banAfterViolations: 1_000_000 });
  const { read, peak } = make(sim);
  const errors: string[] = [];
  for (const [offset, type] of requestsOf(workload)) {
    if (DAY_START + offset > sim.clock.now()) sim.clock.set(DAY_START + offset);
    await read(type).catch((error: Error) => errors.push(error.message));
  }
  // Peak weight share, as MEXC's own limiter counted it, per 10 s window.
  const windows = new Map<number, number>();
  for (const r of sim.requestLog) windows.set(Math.floor(r.time / 10_000), (windows.get(Math.floor(r.time / 10_000)) ?? 0) + r.weight);
  const result = { upstream: sim.requestLog.length, peakWeightShare: Math.max(...windows.values()) / 500, limited: sim.requestLog.filter((r) => r.status === 429).length, errors: errors.length, clientPeak: peak?.() };
  await sim.close();
  return result;
}

/**
 * (a) needs no replay to count: with no cache every read is one request. Its
 * weight per 10 s window follows from MEXC's table (--replay-no-cache replays it for real).
 */
function noCacheByDefinition(workload: Workload) {
  const weight: Record<string, number> = { ticker: 1, orderBook: 1, deals: 1, balance: 10, ohlcv: 1 };
  const windows = new Map<number, number>();
  for (const [offset, type] of requestsOf(workload)) windows.set(Math.floor(offset / 10_000), (windows.get(Math.floor(offset / 10_000)) ?? 0) + weight[type]!);
  return { upstream: requestsOf(workload).length, peakWeightShare: Math.max(...windows.values()) / 500, limited: 0, errors: 0, clientPeak: undefined };
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

/** 1000 mixed reads as fast as they can go, against the simulator's strict limiter on the real clock. */
async function burst(kind: 'client' | 'ccxt') {
  const sim = await newSim({ useRealClock: true, startTime: Date.now(), banAfterViolations: 1_000_000 });
  const calls = ['klines', 'depth', 'aggTrades', 'avgPrice'];
  let limited = 0;
  const started = Date.now();
  if (kind === 'client') {
    const exchange = createMexcExchange({ baseUrl: sim.url, ...KEYS });
    const client = new MexcClient({ exchange, cache: new NullCache(), ttls: defaultSettings().cacheTtl, clock: { now: () => Date.now() }, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
    for (let i = 0; i < 1000; i++) {
      const call = calls[i % calls.length]!;
      await (call === 'klines'
        ? client.fetchOHLCV(SYMBOL, '1m', { limit: 5, since: i })
        : call === 'depth'
          ? client.fetchOrderBook(SYMBOL, 5 + (i % 20))
          : call === 'aggTrades'
            ? client.fetchTrades(SYMBOL, 10 + (i % 30))
            : client.fetchTicker(SYMBOL)
      ).catch(() => undefined);
    }
  } else {
    const exchange = createMexcExchange({ baseUrl: sim.url, ...KEYS, enableRateLimit: true });
    await exchange.loadMarkets();
    for (let i = 0; i < 1000; i++) {
      const call = calls[i % calls.length]!;
      await (call === 'klines'
        ? exchange.fetchOHLCV(SYMBOL, '1m', undefined, 5)
        : call === 'depth'
          ? exchange.fetchOrderBook(SYMBOL, 5)
          : call === 'aggTrades'
            ? exchange.fetchTrades(SYMBOL, undefined, 10)
            : exchange.spotPublicGetAvgPrice({ symbol: 'QRLUSDT' })
      ).catch(() => undefined);
    }
  }
  limited = sim.requestLog.filter((r) => r.status === 429 || r.status === 418).length;
  const result = { requests: sim.requestLog.length, limited, wallSeconds: (Date.now() - started) / 1000 };
  await sim.close();
  return result;
}

const workload = loadWorkload(workloadFile);
const benchStarted = Date.now();
const demand = requestsOf(workload).length;
// The bursts mostly wait (on limits and throttles): run them beside the CPU-bound day replays.
const bursts = Promise.all([burst('client'), burst('ccxt')]);
const noCache = args.includes('--replay-no-cache')
  ? await replayDay(workload, (sim) => ({ read: rawReader(createMexcExchange({ baseUrl: sim.url, clock: sim.clock, ...KEYS })) }))
  : noCacheByDefinition(workload);
const plain = await replayDay(workload, (sim) => ({ read: plainCacheReader(createMexcExchange({ baseUrl: sim.url, clock: sim.clock, ...KEYS }), sim) }));
const ours = await replayDay(workload, (sim) => {
  const client = clientFor(sim, new MemoryCache(sim.clock));
  return { read: clientReader(client), peak: () => client.limiter.peakShare };
});

const latencySim = await newSim({ enforceRateLimit: false });
const memoryLatency = await cachedLatency(new MemoryCache(latencySim.clock), latencySim);
let redisLatency: { p50: number; p99: number } | null = null;
if (redisServerAvailable()) {
  const redis = await startRedisServer();
  const cache = new RedisCache(redis.url, latencySim.clock);
  await cache.ready();
  redisLatency = await cachedLatency(cache, latencySim);
  await cache.close();
  await redis.stop();
}
const concurrentClient = clientFor(latencySim, new MemoryCache(latencySim.clock));
await concurrentClient.loadMarkets();
const depthCalls = () => latencySim.requestLog.filter((r) => r.path === '/api/v3/depth').length;
const before = depthCalls();
await Promise.all(Array.from({ length: 50 }, () => concurrentClient.fetchOrderBook(SYMBOL, 20)));
const concurrentUpstream = depthCalls() - before;
await latencySim.close();

const [burstClient, burstCcxt] = await bursts;

const report = {
  workload: path.basename(workloadFile),
  demandRequests: demand,
  upstream: { noCache: noCache.upstream, plainTtlCache: plain.upstream, thisClient: ours.upstream },
  thisClientShareOfNoCache: ours.upstream / noCache.upstream,
  peakWeightShare: { noCache: noCache.peakWeightShare, plainTtlCache: plain.peakWeightShare, thisClient: ours.peakWeightShare },
  rateLimited: { noCache: noCache.limited, plainTtlCache: plain.limited, thisClient: ours.limited },
  cachedReadLatencyMs: { memory: memoryLatency, redis: redisLatency },
  concurrent50Upstream: concurrentUpstream,
  burst1000: { thisClient: burstClient, ccxtThrottle: burstCcxt },
  benchSeconds: (Date.now() - benchStarted) / 1000,
};

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
console.log(`\nWorkload ${report.workload}: ${demand} reads wanted over ${workload.durationHours} h (virtual time)\n`);
console.table({
  '(a) no cache': { 'upstream calls': noCache.upstream, 'peak weight / limit': pct(noCache.peakWeightShare), '429s': noCache.limited },
  '(b) plain TTL cache': { 'upstream calls': plain.upstream, 'peak weight / limit': pct(plain.peakWeightShare), '429s': plain.limited },
  '(c) this client': { 'upstream calls': ours.upstream, 'peak weight / limit': pct(ours.peakWeightShare), '429s': ours.limited },
});
console.log(`(c) is ${pct(report.thisClientShareOfNoCache)} of (a)`);
console.table({
  'cached read, memory': { 'p50 ms': memoryLatency.p50.toFixed(4), 'p99 ms': memoryLatency.p99.toFixed(4) },
  'cached read, Redis (loopback)': { 'p50 ms': redisLatency?.p50.toFixed(4) ?? 'n/a', 'p99 ms': redisLatency?.p99.toFixed(4) ?? 'n/a' },
});
console.log(`50 concurrent identical reads: ${concurrentUpstream} upstream call(s)`);
console.table({
  'this client (MEXC weights)': { requests: burstClient.requests, '429/418': burstClient.limited, 'wall s': burstClient.wallSeconds },
  "ccxt's built-in throttle": { requests: burstCcxt.requests, '429/418': burstCcxt.limited, 'wall s': burstCcxt.wallSeconds },
});
console.log(`bench took ${report.benchSeconds.toFixed(1)} s`);
if (args.includes('--json')) console.log(JSON.stringify(report));
process.exit(0);
