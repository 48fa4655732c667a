import { ContractFailure } from '../../../shared/contract';
import type { BacktestReport } from '../trading/backtest';
import type { WorkerBacktestInput } from './BacktestWorkerMessage';
import { backtestWorkerScript } from './backtestWorkerScript';
import { runBacktestWorker } from './runBacktestWorker';

/**
 * One backtest on a worker thread: ten years of days with many open orders
 * take seconds, which the engine's event loop (streams, IPC, the tray) must
 * not wait for. Progress comes back about once per percent.
 */
export async function backtestInWorker(input: WorkerBacktestInput, onProgress: (done: number, total: number) => void, script: () => string = () => backtestWorkerScript()): Promise<BacktestReport> {
  let report: BacktestReport | null = null;
  await runBacktestWorker(script(), { kind: 'backtest', input }, (message) => {
    if (message.kind === 'progress') onProgress(message.done, message.total);
    else if (message.kind === 'report') report = message.report;
  }).finished;
  if (!report) throw new ContractFailure('INTERNAL', 'The backtest worker ended without a report.');
  return report;
}
