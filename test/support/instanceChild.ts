/**
 * One app instance in a child process (issue 16): the product's MexcClient
 * against the simulator's URL, sharing a real Redis with its siblings through
 * RedisSharing (or, with `shared: false`, on its own limiter and memory cache:
 * the "before" of the benchmark). The parent drives it over IPC
 * (spawnInstanceChild.ts): bursts, concurrent reads, a replayed day in
 * lockstep, status.
 * Argument: JSON InstanceChildArgs.
 */
import { defaultSettings } from '../../shared/settings';
import { accountFingerprint } from '../../main/core/bot/ExchangeSession';
import { MemoryCache } from '../../main/core/cache/MemoryCache';
import { systemTimers, type Clock } from '../../main/core/clock';
import { MexcClient } from '../../main/core/exchange/MexcClient';
import { RedisSharing } from '../../main/core/exchange/RedisSharing';
import { createMexcExchange } from '../../main/core/exchange/SpotOnlyMexc';
import type { InstanceChildArgs, InstanceCommand, InstanceStatus } from './spawnInstanceChild';

const SYMBOL = 'QRL/USDT';
const args = JSON.parse(process.argv[2]!) as InstanceChildArgs;

// Driven: the parent sets the time before each step of a replayed day (processes cannot share a virtual clock).
let drivenNow = args.startAt ?? Date.now();
const clock: Clock = args.drivenClock ? { now: () => drivenNow } : { now: () => Date.now() };
let waits = 0;
const sleep = (ms: number) => {
  waits++;
  // A driven day never reaches the budget; should it, the wait is a real tick, not the day's.
  return new Promise<void>((resolve) => setTimeout(resolve, args.drivenClock ? 1 : ms));
};

const sharing = args.shared ? new RedisSharing(args.redisUrl, { clock, timers: systemTimers, windowClock: args.drivenClock ? clock : undefined }) : null;
const shared = sharing?.forClient(accountFingerprint(args.apiKey), sleep) ?? null;
const exchange = createMexcExchange({ baseUrl: args.simUrl, clock, timeoutMs: 30_000, apiKey: args.apiKey, secret: args.secret });
const client = new MexcClient({
  exchange,
  cache: sharing?.cache ?? new MemoryCache(clock),
  ttls: defaultSettings().cacheTtl,
  clock,
  sleep,
  random: () => 0.5,
  streamUrl: null,
  ...(shared ?? {}),
});

const done = { shared: 0, local: 0 };
let failed = 0;
let started = 0;
let bursting: Promise<void>[] = [];
let stopBurst = false;

function read(type: string): Promise<unknown> {
  switch (type) {
    case 'ticker':
      return client.fetchTicker(SYMBOL);
    case 'orderBook':
      return client.fetchOrderBook(SYMBOL, 20);
    case 'deals':
      return client.fetchTrades(SYMBOL, 50);
    case 'balance':
      return client.fetchBalance();
    case 'ohlcv':
      return client.fetchOHLCV(SYMBOL, '1d', { limit: 120 });
    case 'myTrades':
      return client.fetchMyTrades(SYMBOL);
    default:
      throw new Error(`unknown read ${type}`);
  }
}

async function burstLoop(type: string, until: number) {
  while (!stopBurst && started < until) {
    started++;
    // The mode when the weight was reserved: counted before the answer comes back.
    const mode = shared?.limiter.mode ?? 'local';
    try {
      await read(type);
      done[mode]++;
    } catch {
      failed++;
    }
  }
}

function status(): InstanceStatus {
  return {
    mode: shared?.limiter.mode ?? 'local',
    localShare: shared?.limiter.localShare ?? 1,
    switches: { ...(shared?.limiter.switches ?? { toLocal: 0, toShared: 0 }) },
    instances: sharing?.heartbeat.instances ?? 1,
    redisUp: sharing?.connection.up ?? false,
    done: { ...done },
    failed,
    flights: { ...(shared?.flights.stats ?? { led: 0, followed: 0 }) },
    waits,
    upstream: Object.values(client.metrics.snapshot().dataTypes).reduce((sum, t) => sum + t.upstreamCalls, 0),
  };
}

async function handle(command: InstanceCommand): Promise<unknown> {
  switch (command.cmd) {
    case 'status':
      return status();
    case 'burst':
      stopBurst = false;
      started = 0;
      bursting = Array.from({ length: command.concurrency }, () => burstLoop(command.read, command.total ?? Number.POSITIVE_INFINITY));
      if (command.total !== undefined) await Promise.all(bursting);
      return status();
    case 'stopBurst':
      stopBurst = true;
      await Promise.all(bursting);
      return status();
    case 'read':
      await Promise.all(Array.from({ length: command.copies }, () => read(command.read)));
      return status();
    case 'step': {
      drivenNow = command.at;
      let errors = 0;
      for (const type of command.reads) await read(type).catch(() => errors++);
      return errors;
    }
    case 'close':
      client.close();
      await sharing?.close();
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on('message', (message: { id: number; command: InstanceCommand }) => {
  handle(message.command).then(
    (result) => process.send!({ id: message.id, result }),
    (error: Error) => process.send!({ id: message.id, error: error.message }),
  );
});

await sharing?.connection.ready(10_000);
await sharing?.heartbeat.beat();
await client.loadMarkets();
process.send!({ id: 0, result: status() });
