import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXCHANGE_INFO_TTL_S } from '../../../main/core/cache/cacheTtls';
import { startMexcSim, type MexcSim } from '../../mexc-sim/index';
import { untilTrue } from '../../support/eventLoopTurns';
import { clientOnSim, TEST_KEYS as keys, upstream } from './clientOnSim';

const START = Date.UTC(2026, 10, 25, 1, 0, 0);
const DAY_MS = EXCHANGE_INFO_TTL_S * 1000;
const exchangeInfoReads = (sim: MexcSim) => upstream(sim, '/api/v3/exchangeInfo');

describe('MexcClient reads exchangeInfo once a day', () => {
  let sim: MexcSim;
  beforeEach(async () => {
    sim = await startMexcSim({ startTime: START });
    sim.accounts.addApiKey({ ...keys, balances: { USDT: '1000' } });
  });
  afterEach(() => sim.close());

  it('serves the loaded markets for a day, then reloads them in the background while they keep serving', async () => {
    const { client } = clientOnSim(sim);
    await client.loadMarkets();
    sim.clock.advance(DAY_MS - 1);
    await client.loadMarkets();
    await client.market('QRL/USDT');
    expect(exchangeInfoReads(sim)).toBe(1);
    sim.clock.advance(1);
    const markets = await client.loadMarkets();
    expect(markets['QRL/USDT']).toBeDefined();
    await untilTrue(() => exchangeInfoReads(sim) === 2, 'the daily reload');
    await client.loadMarkets();
    expect(exchangeInfoReads(sim)).toBe(2);
  });

  it('keeps the markets when the daily reload fails, and tries again on the next call', async () => {
    const { client } = clientOnSim(sim);
    await client.loadMarkets();
    sim.clock.advance(DAY_MS);
    sim.faults.inject({ kind: '5xx-before', path: '/api/v3/exchangeInfo', times: Infinity });
    await expect(client.market('QRL/USDT')).resolves.toMatchObject({ id: 'QRLUSDT' });
    await untilTrue(() => client.health().lastError !== null, 'the reload failed');
    sim.faults.clear();
    const failed = exchangeInfoReads(sim);
    await client.loadMarkets();
    await untilTrue(() => exchangeInfoReads(sim) === failed + 1, 'tried again');
    await client.loadMarkets();
    expect(exchangeInfoReads(sim)).toBe(failed + 1);
  });
});
