import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRADING_AND_WITHDRAW } from './Accounts';
import { startMexcSim, type MexcSim } from './index';
import { simClient } from './simClient';

/** Real MEXC answers recorded by ccxt (source and commit in the fixture), keyed by the request that produced them. */
const fixture = JSON.parse(readFileSync(new URL('./fixtures/recorded-responses.json', import.meta.url), 'utf8')) as { responses: Record<string, unknown> };
const recorded = fixture.responses;

/**
 * Integer fields that ccxt's recordings print as digit strings while MEXC's docs
 * give them as JSON integers (see the fixture's note): the simulator sends
 * integers, and only these fields may differ from the recording that way.
 */
const INTEGER_FIELDS = new Set(['lastUpdateId', 'timestamp', 'time', 'T', 'updateTime', 'transactTime', 'openTime', 'closeTime', 'orderListId']);

type Kind = 'null' | 'boolean' | 'integer' | 'number' | 'decimal-string' | 'string' | 'array' | 'object';
function kindOf(value: unknown): Kind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string') return /^-?\d+(\.\d+)?$/.test(value) ? 'decimal-string' : 'string';
  return typeof value === 'object' ? 'object' : 'string';
}

/**
 * Same keys (none missing, none extra), same JSON types, null exactly where the
 * recording has null. A list of records: every record of ours against the
 * recorded one; a row (klines): position by position.
 */
function compareShape(ours: unknown, theirs: unknown, path: string, problems: string[], field = ''): void {
  if (Array.isArray(theirs)) {
    if (!Array.isArray(ours) || ours.length === 0) return void problems.push(`${path}: expected a non-empty array, got ${JSON.stringify(ours)}`);
    const isRow = theirs.length > 0 && !theirs.some((item) => item !== null && typeof item === 'object' && !Array.isArray(item)) && !theirs.some(Array.isArray);
    if (isRow) {
      if (ours.length !== theirs.length) return void problems.push(`${path}: expected ${theirs.length} entries, got ${ours.length}`);
      theirs.forEach((item, i) => compareShape(ours[i], item, `${path}[${i}]`, problems, field));
      return;
    }
    ours.forEach((item, i) => compareShape(item, theirs[Math.min(i, theirs.length - 1)], `${path}[${i}]`, problems, field));
    return;
  }
  if (theirs !== null && typeof theirs === 'object') {
    if (kindOf(ours) !== 'object') return void problems.push(`${path}: expected an object, got ${JSON.stringify(ours)}`);
    const mine = ours as Record<string, unknown>;
    for (const key of Object.keys(mine)) if (!(key in theirs)) problems.push(`${path}.${key}: not in the recording`);
    for (const [key, value] of Object.entries(theirs)) {
      if (!(key in mine)) problems.push(`${path}.${key}: missing`);
      else compareShape(mine[key], value, `${path}.${key}`, problems, key);
    }
    return;
  }
  const want = kindOf(theirs);
  const got = kindOf(ours);
  const recordedAsString = INTEGER_FIELDS.has(field) && typeof theirs === 'string' && /^-?\d+$/.test(theirs);
  const expected = recordedAsString ? 'integer' : want;
  if (expected !== got) problems.push(`${path}: recorded ${expected}, simulator ${got} (${JSON.stringify(ours)})`);
}

describe("the simulator answers every spot request ccxt recorded from real MEXC with the same keys, types and nulls", () => {
  let sim: MexcSim;
  const raw: Record<string, unknown> = {};
  beforeAll(async () => {
    sim = await startMexcSim({ startTime: Date.UTC(2026, 10, 25, 1), enforceRateLimit: false });
    const { exchange } = simClient(sim, { balances: { USDT: '1000', QRL: '100' }, permissions: TRADING_AND_WITHDRAW });
    await exchange.loadMarkets();
    const { ask } = await exchange.fetchTicker('QRL/USDT');
    // The same requests as the recorded ones (no client order id, as there).
    raw['POST /api/v3/order MARKET BUY'] = await exchange.spotPrivatePostOrder({ symbol: 'QRLUSDT', side: 'BUY', type: 'MARKET', quantity: '20' });
    raw['POST /api/v3/order IMMEDIATE_OR_CANCEL'] = await exchange.spotPrivatePostOrder({ symbol: 'QRLUSDT', side: 'BUY', type: 'IMMEDIATE_OR_CANCEL', quantity: '5', price: String(ask) });
    raw['POST /api/v3/order FILL_OR_KILL'] = await exchange.spotPrivatePostOrder({ symbol: 'QRLUSDT', side: 'BUY', type: 'FILL_OR_KILL', quantity: '5', price: String(ask) });
    await exchange.spotPrivatePostOrder({ symbol: 'QRLUSDT', side: 'SELL', type: 'MARKET', quantity: '12' });
    raw['GET /api/v3/depth'] = await exchange.spotPublicGetDepth({ symbol: 'QRLUSDT', limit: 1 });
    raw['GET /api/v3/capital/deposit/address'] = await exchange.spotPrivateGetCapitalDepositAddress({ coin: 'USDT' });
    // ccxt asks for the coin and picks the network itself, so the raw request is the same.
    raw['GET /api/v3/capital/deposit/address network=TRC20'] = await exchange.spotPrivateGetCapitalDepositAddress({ coin: 'USDT' });
    raw['GET /api/v3/myTrades'] = await exchange.spotPrivateGetMyTrades({ symbol: 'QRLUSDT' });
    raw['GET /api/v3/allOrders'] = await exchange.spotPrivateGetAllOrders({ symbol: 'QRLUSDT' });
    raw['GET /api/v3/aggTrades'] = await exchange.spotPublicGetAggTrades({ symbol: 'QRLUSDT', limit: 1 });
    raw['GET /api/v3/ticker/24hr'] = await exchange.spotPublicGetTicker24hr({ symbol: 'QRLUSDT' });
    raw['GET /api/v3/klines'] = await exchange.spotPublicGetKlines({ symbol: 'QRLUSDT', interval: '60m', limit: 1 });
    raw['GET /api/v3/capital/config/getall'] = await exchange.spotPrivateGetCapitalConfigGetall();
  });
  afterAll(() => sim.close());

  it('covers every recorded answer', () => {
    expect(Object.keys(raw).sort()).toEqual(Object.keys(recorded).sort());
  });

  it.each(Object.keys(recorded))('%s', (request) => {
    const problems: string[] = [];
    compareShape(raw[request], recorded[request], request, problems);
    expect(problems).toEqual([]);
  });

  it('the shape check catches a missing field, an extra one, a number for a string and a value for a null', () => {
    const problems: string[] = [];
    compareShape({ lastPrice: 1, extra: '1', count: '0', time: '5' }, { lastPrice: '1.5', volume: '2', count: null, time: '1700000000000' }, 'x', problems);
    expect(problems.sort()).toEqual([
      'x.count: recorded null, simulator decimal-string ("0")',
      'x.extra: not in the recording',
      'x.lastPrice: recorded decimal-string, simulator integer (1)',
      'x.time: recorded integer, simulator decimal-string ("5")',
      'x.volume: missing',
    ]);
  });
});
