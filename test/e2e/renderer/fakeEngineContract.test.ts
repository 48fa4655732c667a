import { describe, expect, it } from 'vitest';
import { commands, events, SnapshotSchema } from '../../../shared/contract';
import { FakeEngine } from '../../support/fakeEngine';

/** The fake engine is only useful for UI work if it speaks the contract exactly. */
describe('FakeEngine (UI development aid) stays schema-valid', () => {
  for (const options of [{}, { empty: true }, { outage: true }]) {
    it(`answers every read command with a valid output (${JSON.stringify(options)})`, async () => {
      const engine = new FakeEngine(options);
      expect(SnapshotSchema.safeParse(engine.snapshot()).success).toBe(true);
      const h = engine.handlers;
      const checks: [keyof typeof commands, unknown][] = [
        ['getSnapshot', await h.getSnapshot(undefined)],
        ['getApiKeyStatus', await h.getApiKeyStatus(undefined)],
        ['testConnection', await h.testConnection(undefined)],
        ['getSettings', await h.getSettings(undefined)],
        ['getCandles', await h.getCandles({ timeframe: '1h', limit: 50 })],
        ['getTradeHistory', await h.getTradeHistory(undefined)],
        ['exportTrades', await h.exportTrades(undefined)],
        ['saveApiKeys', await h.saveApiKeys({ apiKey: 'mx0vglAAAAAAAAAA', secret: 'ssssssssssssssssssss' })],
        ['setMode', await h.setMode({ mode: 'live', confirmation: 'LIVE' })],
      ];
      for (const [name, output] of checks) {
        const parsed = commands[name].output.safeParse(output);
        expect(parsed.success, `${name}: ${parsed.error?.message}`).toBe(true);
      }
    });
  }

  it('reports backtest progress, then a valid result', async () => {
    const engine = new FakeEngine();
    const progress: unknown[] = [];
    engine.on('backtestProgress', (payload) => progress.push(payload));
    const result = await engine.handlers.runBacktest({ days: 60, initialUsdt: '1000' });
    expect(commands.runBacktest.output.safeParse(result).success).toBe(true);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((payload) => events.backtestProgress.safeParse(payload).success)).toBe(true);
  });
});
