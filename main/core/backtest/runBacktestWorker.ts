import { Worker } from 'node:worker_threads';
import { ContractFailure } from '../../../shared/contract';
import type { BacktestWorkerJob, BacktestWorkerMessage } from './BacktestWorkerMessage';

export interface BacktestWorkerRun {
  /** 'done' when the work finished, 'terminated' when it was stopped; a crash rejects with a typed INTERNAL error */
  finished: Promise<'done' | 'terminated'>;
  /** stops the thread at once, mid-backtest if need be; nothing is posted after */
  terminate(): Promise<void>;
}

/** One job on a fresh worker thread (backtestWorker.ts): its messages as they come, then how it ended. */
export function runBacktestWorker(script: string, work: BacktestWorkerJob, onMessage: (message: Exclude<BacktestWorkerMessage, { kind: 'done' }>) => void): BacktestWorkerRun {
  const worker = new Worker(script, { workerData: work });
  let terminated = false;
  let done = false;
  const finished = new Promise<'done' | 'terminated'>((resolve, reject) => {
    worker.on('message', (message: BacktestWorkerMessage) => {
      if (terminated) return;
      if (message.kind !== 'done') return onMessage(message);
      done = true;
      void worker.terminate();
    });
    worker.on('error', (error) => reject(new ContractFailure('INTERNAL', `The backtest worker failed: ${error.message}`)));
    worker.on('exit', () => {
      if (terminated) resolve('terminated');
      else if (done) resolve('done');
      else reject(new ContractFailure('INTERNAL', 'The backtest worker stopped before it finished.'));
    });
  });
  return {
    finished,
    terminate: async () => {
      terminated = true;
      await worker.terminate();
    },
  };
}
