import type { BacktestResult } from '../../../shared/contract';
import type { Settings } from '../../../shared/settings';
import type { MexcClient } from '../exchange/MexcClient';
import { backtestInWorker } from '../backtest/backtestInWorker';
import { buyAndHold } from '../backtest/buyAndHold';
import { dailyDca } from '../backtest/dailyDca';
import { DAILY_CANDLE_FILL_MODEL } from '../backtest/dailyCandleFills';
import { loadBacktestHistory } from '../backtest/loadBacktestHistory';

// Why a module of its own: the backtest is pure (trading/backtest.ts); this adapter fetches its history and maps its report to the contract.

export interface BacktestCommandInput {
  client: MexcClient;
  symbol: string;
  settings: Settings;
  days: number;
  initialUsdt: string;
  /** ms epoch: the last day of the period is the one containing it */
  now: number;
  onProgress(progress: { runId: string; done: number; total: number }): void;
}

/**
 * "Run backtest": the market's rules and daily history from MEXC (paged, so
 * 3650 days are 3650 days when MEXC has them), then the strategy replayed over
 * the last `days` on the backtest worker thread, beside buy-and-hold and daily
 * DCA of the same capital over the same days (issue #17, "Honest backtests").
 */
export async function runBacktestCommand({ client, symbol, settings, days, initialUsdt, now, onProgress }: BacktestCommandInput): Promise<BacktestResult> {
  const history = await loadBacktestHistory({ client, symbol, days, warmup: settings.strategy.candleLimit, now });
  const { candles, market, startAt } = history;
  // The id is known before the run, so every progress event carries it.
  const runId = `bt-${startAt}-${candles.at(-1)![0]}`;
  const report = await backtestInWorker({ candles, params: settings.strategy, risk: settings.risk, market, initialUsdt, startAt, runId }, (done, total) => onProgress({ runId, done, total }));
  const period = candles.filter((candle) => candle[0] >= startAt);
  return {
    runId: report.runId,
    from: report.from,
    to: report.to,
    requestedDays: history.requestedDays,
    usedDays: history.usedDays,
    historyNote: history.note,
    fillModel: DAILY_CANDLE_FILL_MODEL,
    trades: report.trades.map((t) => ({ time: t.time, side: t.side, price: t.price, amount: t.amount, cost: t.cost, fee: t.fee, reason: t.reason })),
    finalEquityUsdt: report.finalEquityUsdt,
    pnlUsdt: report.pnlUsdt,
    maxDrawdownPercent: report.maxDrawdownPercent,
    equity: report.equity,
    spentUsdt: report.spentUsdt,
    baseAccumulated: report.finalBase,
    averageCostUsdt: report.averageCostUsdt,
    benchmarks: {
      buyAndHold: buyAndHold({ days: period, market, initialUsdt }),
      dailyDca: dailyDca({ days: period, market, initialUsdt, orderUsdt: settings.strategy.baseOrderUsdt }),
    },
  };
}
