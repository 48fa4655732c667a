import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMexcSim, type MexcSim } from './index';
import { simClient } from './simClient';

const recorded = JSON.parse(readFileSync(new URL('./fixtures/recorded-responses.json', import.meta.url), 'utf8')).responses as Record<string, unknown>;

/** Integer fields the docs give as numbers and ccxt's recordings write as strings. */
const INTEGER_FIELDS = new Set(['lastUpdateId', 'timestamp', 'time', 'T', 'updateTime', 'transactTime', 'openTime', 'closeTime', 'orderListId']);
/** Fields MEXC sends as null or a string, depending on the order. */
const NULLABLE = new Set(['clientOrderId', 'timeInForce', 'stopPrice', 'icebergQty', 'a', 'f', 'l', 'count']);

type Kind = 'decimal-string' | 'string' | 'integer' | 'boolean' | 'null' | 'array' | 'object';
function kindOf(value: unknown): Kind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'integer';
  if (typeof value === 'string') return /^-?\d+(\.\d+)?$/.test(value) ? 'decimal-string' : 'string';
  return 'object';
}

/** Every field of the recording exists in ours with a compatible JSON type. */
function compareShape(ours: unknown, theirs: unknown, path: string, problems: string[]) {
  if (Array.isArray(theirs)) {
    if (!Array.isArray(ours) || ours.length === 0) return void problems.push(`${path}: expected a non-empty array`);
    if (theirs[0] !== undefined) compareShape(ours[0], theirs[0], `${path}[0]`, problems);
    if (Array.isArray(theirs[0]) || typeof theirs[0] !== 'object') theirs.forEach((item, i) => compareShape(ours[i], item, `${path}[${i}]`, problems));
    return;
  }
  if (theirs !== null && typeof theirs === 'object') {
    if (ours === null || typeof ours !== 'object') return void problems.push(`${path}: expected an object`);
    for (const [field, value] of Object.entries(theirs)) {
      if (!(field in (ours as object))) {
        problems.push(`${path}.${field}: missing`);
        continue;
      }
      const mine = (ours as Record<string, unknown>)[field];
      if (INTEGER_FIELDS.has(field)) {
        if (!(typeof mine === 'number' && Number.isInteger(mine)) && !(field === 'orderListId' && mine === -1)) problems.push(`${path}.${field}: expected an integer, got ${JSON.stringify(mine)}`);
      } else if (NULLABLE.has(field)) {
        if (mine !== null && typeof mine !== 'string') problems.push(`${path}.${field}: expected null or a string`);
      } else {
        compareShape(mine, value, `${path}.${field}`, problems);
      }
    }
    return;
  }
  const want = kindOf(theirs);
  const got = kindOf(ours);
  const compatible = want === got || (want === 'decimal-string' && got === 'decimal-string') || (want === 'integer' && got === 'integer');
  if (!compatible) problems.push(`${path}: recorded ${want}, simulator ${got} (${JSON.stringify(ours)})`);
}

describe("simulator raw responses have the fields and types of MEXC's recorded ones", () => {
  let sim: MexcSim;
  const raw: Record<string, unknown> = {};
  beforeAll(async () => {
    sim = await startMexcSim({ startTime: Date.UTC(2026, 10, 25, 1), enforceRateLimit: false });
    const { exchange } = simClient(sim, { balances: { USDT: '1000' } });
    await exchange.loadMarkets();
    await exchange.createOrder('QRL/USDT', 'market', 'sell', 0.01).catch(() => undefined);
    await exchange.createOrder('QRL/USDT', 'market', 'buy', 20);
    raw['GET /api/v3/depth'] = await exchange.spotPublicGetDepth({ symbol: 'QRLUSDT', limit: 1 });
    raw['GET /api/v3/myTrades'] = await exchange.spotPrivateGetMyTrades({ symbol: 'QRLUSDT' });
    raw['GET /api/v3/allOrders'] = await exchange.spotPrivateGetAllOrders({ symbol: 'QRLUSDT' });
    raw['GET /api/v3/aggTrades'] = await exchange.spotPublicGetAggTrades({ symbol: 'QRLUSDT', limit: 1 });
    raw['GET /api/v3/ticker/24hr'] = await exchange.spotPublicGetTicker24hr({ symbol: 'QRLUSDT' });
    raw['GET /api/v3/klines'] = await exchange.spotPublicGetKlines({ symbol: 'QRLUSDT', interval: '60m', limit: 1 });
  });
  afterAll(() => sim.close());

  it.each(Object.keys(recorded))('%s', (endpoint) => {
    const problems: string[] = [];
    compareShape(raw[endpoint], recorded[endpoint], endpoint, problems);
    expect(problems).toEqual([]);
  });

  it('the shape check itself catches a missing field and a number where MEXC sends a string', () => {
    const problems: string[] = [];
    compareShape({ lastPrice: 1 }, { lastPrice: '1.5', volume: '2' }, 'x', problems);
    expect(problems).toEqual(['x.lastPrice: recorded decimal-string, simulator integer (1)', 'x.volume: missing']);
  });
});
