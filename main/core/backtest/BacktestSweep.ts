import { ContractFailure } from '../../../shared/contract';
import type { SweepCell } from '../../../shared/backtestSweepSchemas';
import { backtestWorkerScript } from './backtestWorkerScript';
import { runBacktestWorker, type BacktestWorkerRun } from './runBacktestWorker';
import type { SweepJob } from './runSweepCell';

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
  private run_: BacktestWorkerRun | null = null;
  private cancelRequested = false;

  constructor(private readonly script: () => string = () => backtestWorkerScript()) {}

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
      const cells: SweepCell[] = [];
      this.run_ = runBacktestWorker(this.script(), { kind: 'sweep', job }, (message) => {
        if (message.kind !== 'cell') return;
        cells.push(message.cell);
        onCell(message.cell, cells.length);
      });
      const ended = await this.run_.finished;
      return { status: ended === 'done' ? 'done' : 'canceled', cells };
    } finally {
      this.busy = false;
      this.run_ = null;
    }
  }

  /** True when a sweep was running and is now stopped. */
  async cancel(): Promise<boolean> {
    if (!this.busy) return false;
    this.cancelRequested = true;
    await this.run_?.terminate();
    return true;
  }
}
