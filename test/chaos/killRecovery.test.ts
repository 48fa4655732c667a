import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Journal } from '../../main/core/trading/Journal';
import { ORDER_ARRIVAL_WINDOW_MS } from '../../main/core/trading/reconcileOpenIntents';
import { startMexcSim, type MexcSim } from '../mexc-sim/index';
import { mulberry32 } from '../support/hostilePayloads';
import { runUntilMarker } from '../support/runUntilMarker';

const ITERATIONS = Number(process.env.KILL_ITERATIONS ?? 100);
const KEYS = { apiKey: 'mx0vKILLKEY000001', secret: 'kill-secret-0123456789abcdef' };
const killPoints = ['BEFORE_JOURNAL', 'JOURNALED', 'ACCEPTED', 'FILLED', 'RECORDED', 'RECONCILED'] as const;

/** Runs the worker until it prints a line starting with `killAt`, then kill -9; or to the end. */
function runWorker(script: string, sim: MexcSim, dataDir: string, firstId: number, killAt: string | null, reconcileAfterMs = 0) {
  return runUntilMarker(script, [sim.url, dataDir, KEYS.apiKey, KEYS.secret, String(firstId), '3', String(reconcileAfterMs)], killAt);
}

describe('kill -9 at random points of live placement', () => {
  let sim: MexcSim;
  let script: string;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'qtb-kill-'));
  beforeAll(async () => {
    sim = await startMexcSim({ useRealClock: true, startTime: Date.now(), enforceRateLimit: false });
    sim.accounts.addApiKey({ ...KEYS, balances: { USDT: '1000000' } });
    // One bundle, so each restart costs a node start, not a TypeScript compile.
    // Inside the project, so the bundle resolves ccxt from node_modules (.tmp is git-ignored).
    mkdirSync(path.resolve('.tmp'), { recursive: true });
    script = path.join(mkdtempSync(path.resolve('.tmp/kill-')), 'worker.mjs');
    await build({ entryPoints: [path.resolve('test/chaos/support/placementWorker.ts')], outfile: script, bundle: true, platform: 'node', format: 'esm', target: 'node20', external: ['ccxt', 'ioredis', 'zod', 'ws'], logLevel: 'error' });
  });
  afterAll(() => sim?.close());

  it(`${ITERATIONS} kills: zero duplicate orders, a consistent journal, every confirmed record kept`, { timeout: 600_000 }, async () => {
    const random = mulberry32(9);
    const points: Record<string, number> = {};
    let kills = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const killAt = killPoints[Math.floor(random() * killPoints.length)]!;
      const { killed } = await runWorker(script, sim, dataDir, i * 3, killAt);
      if (killed) {
        kills++;
        points[killAt] = (points[killAt] ?? 0) + 1;
      }
    }
    // A clean final start reconciles everything, as one would once MEXC refuses any request of a dead worker still on its way.
    await runWorker(script, sim, dataDir, ITERATIONS * 3, null, ORDER_ARRIVAL_WINDOW_MS);

    const journal = await Journal.open(path.join(dataDir, 'journal.jsonl'), { now: () => Date.now() });
    const orders = [...sim.state.accounts.account(KEYS.apiKey).orders.values()];
    const ids = orders.map((o) => o.clientOrderId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(journal.problems.filter((p) => !/truncated|incomplete|cut/i.test(p.message))).toEqual([]);
    expect(journal.unfinishedIntents()).toEqual([]);
    for (const order of orders) expect(journal.entry(order.clientOrderId!)?.orderId).toBe(order.orderId);
    for (const entry of journal.entries()) {
      const onExchange = orders.find((o) => o.clientOrderId === entry.clientOrderId);
      expect(entry.status).toBe(onExchange ? (onExchange.status === 'FILLED' ? 'filled' : 'accepted') : 'rejected');
    }
    console.log(`kill -9: ${ITERATIONS} runs, ${kills} kills ${JSON.stringify(points)}, ${orders.length} orders on the exchange, ${journal.entries().length} journaled, 0 duplicates`);
    expect(kills).toBeGreaterThanOrEqual(ITERATIONS * 0.8);
  });
});
