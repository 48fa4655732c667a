import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../shared/decimal';
import { defaultRiskLimits, defaultStrategyParams } from '../../../shared/tradingSettings';
import type { SweepCell } from '../../../shared/backtestSweepSchemas';
import { qrlTestMarket } from '../../../test/support/qrlTestMarket';
import { runBacktest } from '../trading/backtest';
import type { OHLCV } from '../trading/emaAccumulationStrategy';
import { BacktestSweep, SWEEP_ALREADY_RUNNING } from './BacktestSweep';
import type { SweepJob } from './runSweepCell';
import { cellStrategy, sweepGrid } from './sweepGrid';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
/** a deterministic zigzag with drift and wicks, so different cells trade differently */
function zigzag(days: number): OHLCV[] {
  const out: OHLCV[] = [];
  let previous = Decimal.from('0.40');
  for (let i = 0; i < days; i++) {
    const phase = i % 40;
    const close = Decimal.from('0.33').add(Decimal.from(phase < 20 ? phase : 40 - phase).mul('0.004')).add(Decimal.from(i).mul('0.0002'));
    const high = Decimal.max(previous, close).mul('1.015').round(4, 'half-up');
    const low = Decimal.min(previous, close).mul('0.97').round(4, 'half-up');
    out.push([T0 + i * DAY, previous.toNumber(), high.toNumber(), low.toNumber(), close.toNumber(), 1000]);
    previous = close;
  }
  return out;
}

const job = (grid: SweepJob['grid'], days = 400): SweepJob => {
  const candles = zigzag(days);
  return { candles, startAt: candles[120]![0], market: qrlTestMarket(), strategy: defaultStrategyParams(), risk: { ...defaultRiskLimits(), maxPositionUsdt: 5000 }, initialUsdt: '1000', grid };
};

/** Resolves when `count` cells have arrived (the sweep is mid-way) */
const cellsArrived = (count: number) => {
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (release = resolve));
  return { reached, onCell: (_cell: SweepCell, done: number) => done >= count && release() };
};

describe('BacktestSweep (worker thread)', () => {
  it('gives, cell by cell, exactly what a single backtest gives for the same parameters', async () => {
    const sweepJob = job({ buyThresholds: [1, 1.02, 1.05], priceOffsets: [0.97, 0.99], emaPeriods: [{ fast: 20, slow: 60 }, { fast: 10, slow: 30 }] });
    const progress: number[] = [];
    const outcome = await new BacktestSweep().run(async () => sweepJob, (_cell, done) => progress.push(done));
    expect(outcome.status).toBe('done');
    expect(outcome.cells).toHaveLength(12);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const params of sweepGrid(sweepJob.grid)) {
      const single = runBacktest({ candles: sweepJob.candles, params: cellStrategy(sweepJob.strategy, params), risk: sweepJob.risk, market: sweepJob.market, initialUsdt: '1000', startAt: sweepJob.startAt });
      expect(outcome.cells[params.index]).toEqual({
        ...params,
        finalEquityUsdt: single.finalEquityUsdt,
        pnlUsdt: single.pnlUsdt,
        maxDrawdownPercent: single.maxDrawdownPercent,
        averageCostUsdt: single.averageCostUsdt,
        baseAccumulated: single.finalBase,
        buys: single.trades.length,
      });
    }
    // the grid is not degenerate: its cells differ
    expect(new Set(outcome.cells.map((cell) => cell.pnlUsdt)).size).toBeGreaterThan(3);
  }, 60_000);

  it('stops the worker on cancel, keeps the cells done before, and sends no cell after', async () => {
    const sweep = new BacktestSweep();
    const big = job({ buyThresholds: [1, 1.01, 1.02, 1.03, 1.04, 1.05, 1.06, 1.07, 1.08, 1.09, 1.1, 1.11], priceOffsets: [0.95, 0.96, 0.97, 0.98, 0.99, 0.995], emaPeriods: [{ fast: 20, slow: 60 }, { fast: 10, slow: 30 }] }, 1500);
    const arrived = cellsArrived(2);
    const cellsSeen: number[] = [];
    const running = sweep.run(async () => big, (cell, done) => {
      cellsSeen.push(done);
      arrived.onCell(cell, done);
    });
    await arrived.reached;
    expect(sweep.running).toBe(true);
    expect(await sweep.cancel()).toBe(true);
    const outcome = await running;
    expect(outcome.status).toBe('canceled');
    expect(outcome.cells.length).toBe(cellsSeen.length);
    expect(outcome.cells.length).toBeLessThan(144);
    expect(sweep.running).toBe(false);
    expect(await sweep.cancel()).toBe(false);
    // The next sweep runs normally: the canceled one left nothing behind.
    const next = await sweep.run(async () => job({ buyThresholds: [1.02], priceOffsets: [0.98], emaPeriods: [{ fast: 20, slow: 60 }] }), () => undefined);
    expect(next).toMatchObject({ status: 'done', cells: [{ index: 0 }] });
  }, 60_000);

  it('refuses a second sweep while one runs, with a typed error', async () => {
    const sweep = new BacktestSweep();
    let releasePrepare!: () => void;
    const first = sweep.run(
      () => new Promise<SweepJob>((resolve) => (releasePrepare = () => resolve(job({ buyThresholds: [1.02], priceOffsets: [0.98], emaPeriods: [{ fast: 20, slow: 60 }] })))),
      () => undefined,
    );
    await expect(sweep.run(async () => job({ buyThresholds: [1], priceOffsets: [0.9], emaPeriods: [{ fast: 20, slow: 60 }] }), () => undefined)).rejects.toMatchObject({
      name: 'ContractFailure',
      code: 'INVALID_STATE',
      message: SWEEP_ALREADY_RUNNING,
    });
    releasePrepare();
    expect((await first).status).toBe('done');
  }, 60_000);

  it('reports a worker that fails as a typed INTERNAL error', async () => {
    const broken = { ...job({ buyThresholds: [1.02], priceOffsets: [0.98], emaPeriods: [{ fast: 20, slow: 60 }] }), initialUsdt: '-1' };
    await expect(new BacktestSweep().run(async () => broken, () => undefined)).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/initialUsdt must be above 0/) });
  }, 60_000);
});
