import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_ONLY, startMexcSim, TRADING, TRADING_AND_WITHDRAW, type MexcSim } from '../../../test/mexc-sim/index';
import type { Permission } from '../../../test/mexc-sim/Accounts';
import { createSimMexcClient } from '../../../test/support/createSimMexcClient';
import { testConnection } from './testConnection';

describe('testConnection against the simulator', () => {
  let sim: MexcSim;
  let sequence = 0;
  beforeAll(async () => {
    sim = await startMexcSim({ startTime: Date.UTC(2026, 10, 25, 1), enforceRateLimit: false });
  });
  afterAll(() => sim.close());

  function probeWith(permissions: Permission[]) {
    const keys = { apiKey: `mx0vPERM${String(++sequence).padStart(6, '0')}`, secret: `perm-secret-${sequence}-0123456789abcdef` };
    sim.accounts.addApiKey({ ...keys, permissions, balances: { USDT: '10' } });
    return createSimMexcClient(sim, { keys }).client;
  }

  it('reports a key that can withdraw as canWithdraw, beside its trade permission', async () => {
    const result = await testConnection(probeWith(TRADING_AND_WITHDRAW), sim.clock);
    expect(result).toMatchObject({ ok: true, canTrade: true, canWithdraw: true });
  });

  it('reports a trade-only key as not able to withdraw', async () => {
    expect(await testConnection(probeWith(TRADING), sim.clock)).toMatchObject({ ok: true, canTrade: true, canWithdraw: false });
  });

  it('reports a read-only key as able to do neither', async () => {
    const result = await testConnection(probeWith(READ_ONLY), sim.clock);
    expect(result).toMatchObject({ ok: true, canTrade: false, canWithdraw: false });
    expect(result.message).toContain('read-only');
  });

  it('claims no permission when MEXC refuses the keys', async () => {
    const keys = { apiKey: 'mx0vNOTKNOWN000001', secret: 'unknown-secret-0123456789abcdef' };
    const result = await testConnection(createSimMexcClient(sim, { keys }).client, sim.clock);
    expect(result).toMatchObject({ ok: false, canTrade: false, canWithdraw: false, latencyMs: null });
    expect(result.message).toMatch(/^MEXC refused the keys/);
  });

  it('says so when no keys are saved', async () => {
    expect(await testConnection(null, sim.clock)).toEqual({ ok: false, canTrade: false, canWithdraw: false, latencyMs: null, message: 'No API keys saved yet.' });
  });
});
