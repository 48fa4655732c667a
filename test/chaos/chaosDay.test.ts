import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Alert, ApiHealth, BotState, BreakerState } from '../../shared/contract';
import { Journal } from '../../main/core/trading/Journal';
import type { FaultKind, FaultRule } from '../mexc-sim/index';
import { mulberry32 } from '../support/hostilePayloads';
import { missingRedisServerReason, startRedisServer } from '../support/redisServer';
import { startEngineWebHost, type EngineWebHost } from '../support/startEngineWebHost';
import { VirtualTime } from '../support/VirtualTime';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const STEP = 20 * MINUTE;
const FAULTY_STEPS = 54; // 18 faulty hours
const KEYS = { apiKey: 'mx0vCHAOSKEY00001', secret: 'chaos-secret-0123456789abcdef' };
const skipReason = missingRedisServerReason();

const faultMenu: FaultRule[] = [
  { kind: '5xx-before', times: 3 },
  { kind: '5xx-after-accept', path: '/api/v3/order', method: 'POST' },
  { kind: 'timeout', times: 1 },
  { kind: 'reset', times: 2 },
  { kind: 'malformed-json', times: 2 },
  { kind: '429-storm', times: 10 },
  { kind: 'maintenance', times: 5 },
  { kind: 'ban', ms: 120_000 },
  { kind: '5xx-before', times: 40 }, // long enough to open the breaker
  { kind: 'clock-skew', ms: 7_000 }, // beyond the 5 s recvWindow
];

/** Everything a user could see of a fault: alerts, error and retry counts, the breaker, the cache. */
function visibleTrace(alerts: Alert[], health: ApiHealth): string {
  const problems = Object.values(health.dataTypes).reduce((sum, stats) => sum + stats.errors + stats.retries, 0);
  return `${alerts.length}/${problems}/${health.breaker}/${health.cache}`;
}

describe.skipIf(skipReason !== null)('a chaos day: live trading through random faults', () => {
  let engine: EngineWebHost | undefined;
  let redis: Awaited<ReturnType<typeof startRedisServer>> | undefined;
  afterAll(async () => {
    await engine?.close();
    await redis?.stop();
  });

  it('never crashes, never duplicates, loses no fill, shows every fault, and earns no ban once faults stop', async () => {
    redis = await startRedisServer();
    const time = new VirtualTime(new Date(2026, 10, 24, 6, 0).getTime());
    engine = await startEngineWebHost({ time, env: { REDIS_URL: redis.url } });
    const { service, sim } = engine;
    sim.accounts.addApiKey({ ...KEYS, balances: { USDT: '5000' } });
    const alerts: Alert[] = [];
    const breakerStates = new Set<BreakerState>();
    const cacheStates = new Set<ApiHealth['cache']>();
    const botStates = new Set<BotState>();
    service.on('alert', (alert) => alerts.push(alert));
    service.on('snapshot', (snapshot) => {
      botStates.add(snapshot.status.state);
      if (!snapshot.apiHealth) return;
      breakerStates.add(snapshot.apiHealth.breaker);
      cacheStates.add(snapshot.apiHealth.cache);
    });

    await time.advance(2_000);
    await service.handlers.saveApiKeys(KEYS);
    const { strategy, risk } = service.settings;
    await service.handlers.setSettings({
      ...service.settings,
      strategy: { ...strategy, buyThreshold: 1.3, dailyRunTime: '07:00' },
      risk: { ...risk, maxOrdersPerDay: 50, maxOpenOrders: 50, maxPositionUsdt: 4000 },
    });
    await service.handlers.setMode({ mode: 'live', confirmation: 'LIVE' });
    await service.handlers.startBot(undefined);

    const random = mulberry32(2026);
    const qrlPrice = sim.state.paths.get('QRLUSDT')!;
    const injected: FaultKind[] = [];
    const unseen: string[] = [];
    const runs = { ok: 0 };
    const failedRuns: string[] = [];
    for (let step = 0; step < FAULTY_STEPS; step++) {
      const fault = faultMenu[Math.floor(random() * faultMenu.length)]!;
      const hitsBefore = sim.faults.injected.get(fault.kind) ?? 0;
      const traceBefore = visibleTrace(alerts, service.snapshot().apiHealth!);
      sim.faults.inject(fault);
      injected.push(fault.kind);
      if (step === 10) await redis.stop();
      if (step === 20) await redis.restart();
      if (step === 27) {
        // The market drops through every resting buy: fills arrive while faults go on.
        const now = sim.clock.now();
        qrlPrice.force(qrlPrice.priceAt(now) * 0.8, now);
      }
      if (step === 33) qrlPrice.force(null, 0);
      // A run that meets a fault fails with a typed error (and an alert); the next one tries again.
      const run = step % 3 === 0 ? service.handlers.runNow(undefined).then(() => runs.ok++, (error: unknown) => failedRuns.push(String(error))) : null;
      await time.advance(STEP);
      await run;
      if (fault.kind === 'clock-skew') sim.faults.inject({ kind: 'clock-skew', ms: 0 });
      // A fault that met a request must have left a trace the user can see.
      const met = (sim.faults.injected.get(fault.kind) ?? 0) > hitsBefore;
      if (met && fault.kind !== 'clock-skew' && visibleTrace(alerts, service.snapshot().apiHealth!) === traceBefore) unseen.push(`step ${step}: ${fault.kind}`);
    }
    expect(unseen).toEqual([]);
    for (const failure of failedRuns) expect(failure).toMatch(/^ContractFailure: Strategy run failed/);
    // Redis went down (shown) and came back (shown), and no read failed for it.
    expect(cacheStates).toContain('redis-down');

    // Faults stop: two quiet hours, a strategy run among them.
    sim.faults.clear();
    const quietFrom = sim.requestLog.length;
    await time.advance(HOUR);
    await service.handlers.runNow(undefined);
    await time.advance(HOUR);

    // No ban and no 429 once faults stop: the limiter never earns one on its own.
    const quiet = sim.requestLog.slice(quietFrom);
    expect(quiet.length).toBeGreaterThan(100);
    expect(quiet.filter((r) => r.status === 429 || r.status === 418)).toEqual([]);
    // Never crashed: running at the end, recovered by itself; the breaker opened and closed again.
    const snapshot = service.snapshot();
    expect(snapshot.status.state).toBe('running');
    expect(breakerStates).toContain('open');
    expect(snapshot.apiHealth!.breaker).toBe('closed');
    expect(snapshot.apiHealth!.cache).toBe('redis');
    expect(alerts.some((a) => a.kind === 'breaker')).toBe(true);

    // No duplicates; every exchange order journaled with its id; no fill lost.
    const account = sim.state.accounts.account(KEYS.apiKey);
    const orders = [...account.orders.values()];
    const ids = orders.map((o) => o.clientOrderId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(account.trades.length).toBeGreaterThan(0);
    const history = await service.handlers.getTradeHistory(undefined);
    expect(history.fills.map((f) => f.id).sort()).toEqual(account.trades.map((t) => String(t.id)).sort());
    expect(alerts.filter((a) => a.kind === 'fill').length).toBeGreaterThan(0);
    const journal = await Journal.open(path.join(engine.dataDir, 'journal.jsonl'), { now: () => time.now() });
    expect(journal.problems).toEqual([]);
    expect(journal.unfinishedIntents()).toEqual([]);
    for (const order of orders) expect(journal.entry(order.clientOrderId!)?.orderId).toBe(order.orderId);
    for (const entry of journal.entries()) {
      const onExchange = orders.find((o) => o.clientOrderId === entry.clientOrderId);
      if (!onExchange) expect(entry.status).toBe('rejected');
      else expect(entry.status).toBe(onExchange.status === 'FILLED' ? 'filled' : 'accepted');
    }

    const kinds = [...new Set(injected)];
    console.log(
      `chaos day: ${injected.length} faults injected (${kinds.map((k) => `${k} ×${injected.filter((i) => i === k).length}`).join(', ')}), ` +
        `${[...sim.faults.injected.values()].reduce((a, b) => a + b, 0)} faulty responses served, Redis killed and restarted; ` +
        `strategy runs ${runs.ok} ok, ${failedRuns.length} failed with a typed error; ` +
        `${orders.length} orders, ${account.trades.length} fills (all in history), 0 duplicates, ${journal.entries().length} journal entries consistent; ` +
        `breaker ${[...breakerStates].join('→')}, bot ${[...botStates].join('/')}, ${alerts.length} alerts; quiet 2 h: ${quiet.length} requests, 0 × 429/418`,
    );
  });
});
