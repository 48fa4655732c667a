import { Worker } from 'node:worker_threads';
import { ContractFailure } from '../../../shared/contract';
import type { SweepCell } from '../../../shared/backtestSweepSchemas';
import type { SweepJob } from './runSweepCell';
import type { SweepWorkerMessage } from './SweepWorkerMessage';
import { sweepWorkerScript } from './sweepWorkerScript';

export interface SweepOutcome {
  status: 'done' | 'canceled';
  cells: SweepCell[];
}

export const SWEEP_ALREADY_RUNNING = 'A parameter sweep is already running: cancel it first, or wait for it to finish.';

/**
 * One parameter sweep at a time, on a worker thread. A second sweep while one
 * runs is refused (INVALID_STATE), never queued: the user cancels the first.
 * Cancel terminates the worker at once, mid-cell if need be; the cells done
 * before are kept.
 */
export class BacktestSweep {
  private busy = false;
  private worker: Worker | null = null;
  private cancelRequested = false;

  constructor(private readonly script: () => string = () => sweepWorkerScript()) {}

  get running(): boolean {
    return this.busy;
  }

  /** `prepare` (e.g. fetching the history) runs inside the one-at-a-time guard, so a cancel during it counts too. */
  async run(prepare: () => Promise<SweepJob>, onCell: (cell: SweepCell, done: number) => void): Promise<SweepOutcome> {
    if (this.busy) throw new ContractFailure('INVALID_STATE', SWEEP_ALREADY_RUNNING);
    this.busy = true;
    this.cancelRequested = false;
    try {
      const job = await prepare();
      if (this.cancelRequested) return { status: 'canceled', cells: [] };
      return await this.inWorker(job, onCell);
    } finally {
      this.busy = false;
      this.worker = null;
    }
  }

  /** True when a sweep was running and is now stopped. */
  async cancel(): Promise<boolean> {
    if (!this.busy) return false;
    this.cancelRequested = true;
    await this.worker?.terminate();
    return true;
  }

  private inWorker(job: SweepJob, onCell: (cell: SweepCell, done: number) => void): Promise<SweepOutcome> {
    const cells: SweepCell[] = [];
    const worker = new Worker(this.script(), { workerData: job });
    this.worker = worker;
    return new Promise((resolve, reject) => {
      let finished = false;
      worker.on('message', (message: SweepWorkerMessage) => {
        if (this.cancelRequested) return;
        if (message.kind === 'cell') {
          cells.push(message.cell);
          onCell(message.cell, cells.length);
        } else {
          finished = true;
          void worker.terminate();
        }
      });
      worker.on('error', (error) => {
        finished = true;
        reject(new ContractFailure('INTERNAL', `The parameter sweep failed: ${error.message}`));
      });
      worker.on('exit', () => {
        if (this.cancelRequested) resolve({ status: 'canceled', cells });
        else if (finished) resolve({ status: 'done', cells });
        else reject(new ContractFailure('INTERNAL', 'The parameter sweep stopped before it finished.'));
      });
    });
  }
}
