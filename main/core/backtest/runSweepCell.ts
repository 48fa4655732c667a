import type { SweepCell } from '../../../shared/backtestSweepSchemas';
import type { RiskLimits, StrategyParams } from '../../../shared/tradingSettings';
import { runBacktest } from '../trading/backtest';
import type { OHLCV } from '../trading/emaAccumulationStrategy';
import type { MarketInfo } from '../trading/MarketInfo';
import { cellStrategy, type SweepCellParams, type SweepGrid } from './sweepGrid';

/** What the sweep worker is given: one history, the settings, the grid. Plain data (it crosses to the worker thread). */
export interface SweepJob {
  candles: OHLCV[];
  startAt: number;
  market: MarketInfo;
  strategy: StrategyParams;
  risk: RiskLimits;
  initialUsdt: string;
  grid: SweepGrid;
}

/** One cell: the same runBacktest a single backtest runs, over the same candles, summed up. */
export function runSweepCell(job: SweepJob, cell: SweepCellParams): SweepCell {
  const report = runBacktest({ candles: job.candles, params: cellStrategy(job.strategy, cell), risk: job.risk, market: job.market, initialUsdt: job.initialUsdt, startAt: job.startAt });
  return {
    ...cell,
    finalEquityUsdt: report.finalEquityUsdt,
    pnlUsdt: report.pnlUsdt,
    maxDrawdownPercent: report.maxDrawdownPercent,
    averageCostUsdt: report.averageCostUsdt,
    baseAccumulated: report.finalBase,
    buys: report.trades.length,
  };
}
