import type { BacktestSweepResult, CommandInput } from '../../../shared/contract';
import { sweepCellCount, type SweepCell } from '../../../shared/backtestSweepSchemas';
import type { Settings } from '../../../shared/settings';
import type { MexcClient } from '../exchange/MexcClient';
import type { BacktestSweep } from './BacktestSweep';
import { DAILY_CANDLE_FILL_MODEL } from './dailyCandleFills';
import { loadBacktestHistory, type BacktestHistory } from './loadBacktestHistory';

export interface SweepCommandInput {
  sweep: BacktestSweep;
  client: MexcClient;
  symbol: string;
  settings: Settings;
  input: CommandInput<'runBacktestSweep'>;
  now: number;
  onProgress(progress: { sweepId: string; done: number; total: number; cell: SweepCell }): void;
}

/**
 * "Run sweep": one history for the whole grid (warmed up for its longest EMA
 * window), every cell a backtest on the worker thread, a progress event per
 * cell. Canceled, it answers with the cells done so far.
 */
export async function runBacktestSweepCommand({ sweep, client, symbol, settings, input, now, onProgress }: SweepCommandInput): Promise<BacktestSweepResult> {
  const { days, initialUsdt, ...grid } = input;
  const total = sweepCellCount(grid);
  const warmup = Math.max(settings.strategy.candleLimit, ...grid.emaPeriods.map((pair) => pair.slow));
  const sweepId = `sweep-${now}`;
  let history: BacktestHistory | null = null;
  const outcome = await sweep.run(
    async () => {
      history = await loadBacktestHistory({ client, symbol, days, warmup, now });
      return { candles: history.candles, startAt: history.startAt, market: history.market, strategy: settings.strategy, risk: settings.risk, initialUsdt, grid };
    },
    (cell, done) => onProgress({ sweepId, done, total, cell }),
  );
  // Assigned inside prepare: TypeScript cannot see that, so it is re-typed here.
  const used = history as BacktestHistory | null;
  return {
    sweepId,
    status: outcome.status,
    from: used?.startAt ?? 0,
    to: used?.candles.at(-1)?.[0] ?? 0,
    requestedDays: days,
    usedDays: used?.usedDays ?? 0,
    historyNote: used?.note ?? null,
    fillModel: DAILY_CANDLE_FILL_MODEL,
    total,
    cells: outcome.cells,
  };
}
