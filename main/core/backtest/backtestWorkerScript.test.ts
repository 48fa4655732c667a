import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultRiskLimits, defaultStrategyParams } from '../../../shared/tradingSettings';
import { qrlTestMarket } from '../../../test/support/qrlTestMarket';
import { missingToolReason } from '../../../test/support/requiredTool';
import type { OHLCV } from '../trading/emaAccumulationStrategy';
import { BacktestSweep } from './BacktestSweep';
import { runSweepCell } from './runSweepCell';
import { sweepGrid } from './sweepGrid';
import { BUILT_BACKTEST_WORKER, backtestWorkerScript, outsideAsar } from './backtestWorkerScript';

const here = path.dirname(fileURLToPath(import.meta.url));
const builtWorker = path.resolve(here, '../../../dist', BUILT_BACKTEST_WORKER);

describe('backtestWorkerScript', () => {
  it('finds the built worker from the web host (and its chunks) and the Electron bundle folders alike', () => {
    const dist = path.join(mkdtempSync(path.join(tmpdir(), 'qtb-dist-')), 'dist');
    mkdirSync(path.join(dist, 'backtest'), { recursive: true });
    writeFileSync(path.join(dist, BUILT_BACKTEST_WORKER), '');
    expect(backtestWorkerScript(path.join(dist, 'web'))).toBe(path.join(dist, BUILT_BACKTEST_WORKER));
    expect(backtestWorkerScript(path.join(dist, 'electron'))).toBe(path.join(dist, BUILT_BACKTEST_WORKER));
    expect(backtestWorkerScript(path.join(dist, 'web', 'chunks'))).toBe(path.join(dist, BUILT_BACKTEST_WORKER)); // the web host's split bundle
  });

  it('hands the thread the unpacked file in the packaged app', () => {
    const inArchive = path.join('/opt', 'QRL Tray Bot', 'resources', 'app.asar', 'dist', BUILT_BACKTEST_WORKER);
    expect(outsideAsar(inArchive)).toBe(path.join('/opt', 'QRL Tray Bot', 'resources', 'app.asar.unpacked', 'dist', BUILT_BACKTEST_WORKER));
    expect(outsideAsar(builtWorker)).toBe(builtWorker);
  });

  it('runs the TypeScript worker through tsx from source, and says what to do when neither is there', () => {
    expect(backtestWorkerScript(here)).toBe(path.join(here, 'backtestWorkerFromSource.mjs'));
    expect(() => backtestWorkerScript(mkdtempSync(path.join(tmpdir(), 'qtb-none-')))).toThrow(/run `npm run build`/);
  });

  const notBuilt = missingToolReason('The built sweep worker (dist/backtest/backtestWorker.mjs)', existsSync(builtWorker), 'npm run build');
  it.skipIf(notBuilt !== null)('the built worker computes what the source computes', async () => {
    const DAY = 86_400_000;
    const candles: OHLCV[] = Array.from({ length: 300 }, (_, i) => {
      const price = Number((0.4 + 0.05 * Math.sin(i / 9)).toFixed(4));
      return [i * DAY, price, Number((price * 1.02).toFixed(4)), Number((price * 0.96).toFixed(4)), price, 100];
    });
    const job = { candles, startAt: candles[120]![0], market: qrlTestMarket(), strategy: defaultStrategyParams(), risk: defaultRiskLimits(), initialUsdt: '1000', grid: { buyThresholds: [1.02, 1.05], priceOffsets: [0.98], emaPeriods: [{ fast: 20, slow: 60 }] } };
    const outcome = await new BacktestSweep(() => builtWorker).run(async () => job, () => undefined);
    expect(outcome).toEqual({ status: 'done', cells: sweepGrid(job.grid).map((cell) => runSweepCell(job, cell)) });
  }, 30_000);
});
