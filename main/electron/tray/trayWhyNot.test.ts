import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMexcSim, type MexcSim } from '../../../test/mexc-sim/index';
import { startFakeShell } from '../../../test/support/startFakeShell';

describe('the tray tooltip answers "why hasn\'t it bought?" (mocked electron, real engine on the MEXC simulator)', () => {
  let sim: MexcSim;
  beforeAll(async () => {
    sim = await startMexcSim({ useRealClock: true, startTime: Date.now() });
  });
  afterAll(async () => {
    await sim?.close();
  });

  it("shows the engine's one-line why-not once the daily candles are in", async () => {
    const { started, tray, electron } = await startFakeShell({ env: { MEXC_BASE_URL: sim.url } });
    try {
      await expect.poll(() => started.service.snapshot().whyNot?.summary, { timeout: 20_000 }).toMatch(/^(No buy|Buy signal)/);
      const summary = started.service.snapshot().whyNot!.summary;
      await expect.poll(() => tray()!.tooltip).toContain(` · bot stopped · ${summary}`);
    } finally {
      electron.app.quit();
      await started.service.close();
    }
  }, 30_000);
});
