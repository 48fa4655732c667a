/**
 * The sweep's worker thread (node:worker_threads): the grid's backtests run
 * here, off the engine's event loop, so the app stays responsive (issue #17).
 * Built to dist/backtest/sweepWorker.mjs (main/build/bundle.mjs); canceling
 * terminates the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runSweepCell, type SweepJob } from './runSweepCell';
import { sweepGrid } from './sweepGrid';
import type { SweepWorkerMessage } from './SweepWorkerMessage';

const job = workerData as SweepJob;
const post = (message: SweepWorkerMessage) => parentPort!.postMessage(message);
for (const cell of sweepGrid(job.grid)) post({ kind: 'cell', cell: runSweepCell(job, cell) });
post({ kind: 'done' });
