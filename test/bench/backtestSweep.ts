/**
 * `npx tsx test/bench/backtestSweep.ts`: the parameter sweep's cost (issue #17).
 * Over ten years of synthetic daily candles (deterministic): one backtest on
 * the main thread, then a 12-cell sweep on the worker thread, with the main
 * event loop's worst delay meanwhile (the sweep must leave it free).
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { defaultRiskLimits, defaultStrategyParams } from '../../shared/tradingSettings';
import { BacktestSweep } from '../../main/core/backtest/BacktestSweep';
import type { SweepJob } from '../../main/core/backtest/runSweepCell';
import { runBacktest } from '../../main/core/trading/backtest';
import type { OHLCV } from '../../main/core/trading/emaAccumulationStrategy';
import { qrlTestMarket } from '../support/qrlTestMarket';

const DAY = 86_400_000;
const DAYS = 3650 + 120;
const candles: OHLCV[] = Array.from({ length: DAYS }, (_, i) => {
  const price = Number((0.3 + 0.1 * Math.sin(i / 30) + 0.03 * Math.sin(i / 7)).toFixed(4));
  return [i * DAY, price, Number((price * 1.02).toFixed(4)), Number((price * 0.97).toFixed(4)), Number((price * 1.001).toFixed(4)), 1000];
});
const job: SweepJob = {
  candles,
  startAt: candles[120]![0],
  market: qrlTestMarket(),
  strategy: defaultStrategyParams(),
  risk: { ...defaultRiskLimits(), maxPositionUsdt: 100_000 },
  initialUsdt: '100000',
  grid: { buyThresholds: [1, 1.02, 1.05], priceOffsets: [0.97, 0.98], emaPeriods: [{ fast: 20, slow: 60 }, { fast: 10, slow: 30 }] },
};

const single = performance.now();
runBacktest({ candles, params: job.strategy, risk: job.risk, market: job.market, initialUsdt: job.initialUsdt, startAt: job.startAt });
const singleMs = performance.now() - single;

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const started = performance.now();
const outcome = await new BacktestSweep().run(async () => job, () => undefined);
const sweepMs = performance.now() - started;
loop.disable();

const report = {
  days: 3650,
  singleBacktestMainThreadMs: Math.round(singleMs),
  sweepCells: outcome.cells.length,
  sweepTotalMs: Math.round(sweepMs),
  sweepMsPerCell: Math.round(sweepMs / outcome.cells.length),
  mainLoopMaxDelayMsDuringSweep: Math.round(loop.max / 1e6),
};
console.table(report);
console.log(JSON.stringify(report));
