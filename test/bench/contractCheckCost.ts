/**
 * What the outbound door costs (issue 14, point 8): checking one snapshot
 * against SnapshotSchema, beside serializing it, on the fullest snapshot the
 * engine sends (20-level book each side, 20 fills, 50 alerts, 6 open orders,
 * API health for 5 data types). `npx tsx test/bench/contractCheckCost.ts`
 */
import { performance } from 'node:perf_hooks';
import { checkEventPayload, type Snapshot } from '../../shared/contract';
import { sampleMarket, sampleSnapshot } from '../support/sampleSnapshot';

const level = (index: number): [string, string] => [(0.2 + index / 10_000).toFixed(4), (1000 + index).toFixed(2)];
const time = Date.UTC(2026, 10, 25, 9);
const fullest: Snapshot = sampleSnapshot({
  version: 1234,
  time,
  status: { state: 'running', mode: 'live', symbol: 'QRL/USDT', since: time, reason: null },
  nextRunAt: time + 86_400_000,
  lastDecision: { time, action: 'hold', reason: 'close 0.2031 is above EMA60 × 1.02 (0.1998)' },
  market: { ...sampleMarket('0.2031'), bid: '0.2030', ask: '0.2032', high24h: '0.2100', low24h: '0.1950', volume24h: '1234567.89' },
  orderBook: { bids: Array.from({ length: 20 }, (_, i) => level(-i)), asks: Array.from({ length: 20 }, (_, i) => level(i)), fetchedAt: time, stale: false },
  balances: {
    source: 'exchange',
    assets: [
      { asset: 'USDT', free: '812.34', locked: '50.00', valueUsdt: '862.34' },
      { asset: 'QRL', free: '1234.56', locked: '0', valueUsdt: '250.74' },
    ],
    totalUsdt: '1113.08',
    fetchedAt: time,
    stale: false,
  },
  openOrders: Array.from({ length: 6 }, (_, i) => ({
    id: `o${i}`,
    clientOrderId: `qtb-20261125-qrlusdt-b-00${i}`,
    side: 'buy' as const,
    type: 'limit',
    price: '0.1990',
    amount: '251.25',
    filled: '0',
    status: 'open' as const,
    time,
    paper: false,
    placedByBot: true,
  })),
  recentFills: Array.from({ length: 20 }, (_, i) => ({ id: `f${i}`, orderId: `o${i}`, side: 'buy' as const, price: '0.1990', amount: '251.25', cost: '50.00', fee: '0.05', feeAsset: 'USDT', time, paper: false })),
  pnl: { positionAmount: '5025.00', averageCost: '0.1990', realized: '0', unrealized: '15.58' },
  alerts: Array.from({ length: 50 }, (_, i) => ({ id: `a${i}`, time, severity: 'warning' as const, kind: 'risk', message: `Order refused: the daily cap of 10 orders is reached (${i}).` })),
  apiHealth: {
    breaker: 'closed',
    cache: 'memory',
    weight: { ip: 12, account: 3, limit: 500, windowMs: 10_000 },
    dataTypes: Object.fromEntries(
      ['ticker', 'ohlcv', 'orderbook', 'deals', 'balance'].map((name) => [name, { hits: 100, misses: 3, upstreamCalls: 3, errors: 0, retries: 1, fetchedAt: time }]),
    ),
    latencyMs: { p50: 42, p99: 180, samples: 500 },
    lastError: null,
  },
});

function microsecondsPer(runs: number, work: () => unknown): number {
  for (let i = 0; i < 1000; i++) work(); // warm the JIT
  const start = performance.now();
  for (let i = 0; i < runs; i++) work();
  return ((performance.now() - start) * 1000) / runs;
}

const problems: string[] = [];
const checked = checkEventPayload('snapshot', fullest, (problem) => problems.push(problem));
if (!checked.ok) throw new Error(`the bench snapshot breaks the contract: ${problems.join('; ')}`);
const RUNS = 20_000;
const check = microsecondsPer(RUNS, () => checkEventPayload('snapshot', fullest, () => undefined));
const serialize = microsecondsPer(RUNS, () => JSON.stringify({ kind: 'event', event: 'snapshot', payload: fullest }));
console.log(
  `snapshot of ${JSON.stringify(fullest).length} B: check ${check.toFixed(1)} µs, JSON.stringify ${serialize.toFixed(1)} µs ` +
    `(check = ${(check / serialize).toFixed(1)}× serialization), mean of ${RUNS}`,
);
