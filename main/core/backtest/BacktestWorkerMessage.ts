import type { SweepCell } from '../../../shared/backtestSweepSchemas';
import type { BacktestInput, BacktestReport } from '../trading/backtest';
import type { SweepJob } from './runSweepCell';

/** One backtest, as plain data (it crosses to the worker thread): no callbacks, amounts as strings. */
export type WorkerBacktestInput = Omit<BacktestInput, 'onProgress' | 'initialUsdt'> & { initialUsdt: string };

/** What the backtest worker is asked to do. */
export type BacktestWorkerJob = { kind: 'sweep'; job: SweepJob } | { kind: 'backtest'; input: WorkerBacktestInput };

/** What it posts back: cells or progress as they come, a single backtest's report, then done. */
export type BacktestWorkerMessage =
  | { kind: 'cell'; cell: SweepCell }
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'report'; report: BacktestReport }
  | { kind: 'done' };
