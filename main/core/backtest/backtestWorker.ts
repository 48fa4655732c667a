/**
 * The backtests' worker thread (node:worker_threads): a parameter sweep's
 * cells, or one long backtest, run here, off the engine's event loop, so the
 * app stays responsive (issue #17). Built to dist/backtest/backtestWorker.mjs
 * (main/build/bundle.mjs); canceling terminates the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runBacktest } from '../trading/backtest';
import type { BacktestWorkerJob, BacktestWorkerMessage } from './BacktestWorkerMessage';
import { runSweepCell } from './runSweepCell';
import { sweepGrid } from './sweepGrid';

/** Progress messages per backtest: enough for a smooth bar, few enough to cost nothing. */
const PROGRESS_STEPS = 100;

const work = workerData as BacktestWorkerJob;
const post = (message: BacktestWorkerMessage) => parentPort!.postMessage(message);
if (work.kind === 'sweep') {
  for (const cell of sweepGrid(work.job.grid)) post({ kind: 'cell', cell: runSweepCell(work.job, cell) });
} else {
  let posted = -1;
  const report = runBacktest({
    ...work.input,
    onProgress: (done, total) => {
      const step = Math.floor((done / total) * PROGRESS_STEPS);
      if (step === posted && done !== total) return;
      posted = step;
      post({ kind: 'progress', done, total });
    },
  });
  post({ kind: 'report', report });
}
post({ kind: 'done' });
