import { afterEach, describe, expect, it } from 'vitest';
import { startMexcSim, type MexcSim } from '../../../test/mexc-sim/index';
import { createMexcExchange } from './SpotOnlyMexc';

describe('the markets SpotOnlyMexc loads (issue 16)', () => {
  let sim: MexcSim;
  afterEach(() => sim?.close());

  it('asks exchangeInfo for the app’s market alone when told which, and keeps only that one', async () => {
    sim = await startMexcSim({ startTime: Date.UTC(2026, 10, 25) });
    const exchange = createMexcExchange({ baseUrl: sim.url, clock: sim.clock, marketSymbols: ['QRL/USDT'] });
    const markets = await exchange.loadMarkets();
    expect(Object.keys(markets)).toEqual(['QRL/USDT']);
    expect(markets['QRL/USDT']).toMatchObject({ id: 'QRLUSDT', spot: true });
  });

  it('loads every spot market when not told', async () => {
    sim = await startMexcSim({ startTime: Date.UTC(2026, 10, 25) });
    const markets = await createMexcExchange({ baseUrl: sim.url, clock: sim.clock }).loadMarkets();
    expect(Object.keys(markets).length).toBeGreaterThan(1);
    expect(Object.keys(markets)).toContain('QRL/USDT');
  });
});
