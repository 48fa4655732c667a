import { ContractFailure, type BacktestResult } from '../../../shared/contract';
import type { Settings } from '../../../shared/settings';
import type { MexcClient } from '../exchange/MexcClient';
import { runBacktest } from '../trading/backtest';
import type { OHLCV } from '../trading/emaAccumulationStrategy';
import { marketInfoFromCcxt } from '../trading/MarketInfo';

// Why a module of its own: the backtest is pure (trading/backtest.ts); this adapter fetches its history and maps its report to the contract.

export interface BacktestCommandInput {
  client: MexcClient;
  symbol: string;
  settings: Settings;
  days: number;
  initialUsdt: string;
  onProgress(progress: { runId: string; done: number; total: number }): void;
}

/** "Run backtest": the market's rules and daily history from MEXC, then the strategy replayed over the last `days`. */
export async function runBacktestCommand({ client, symbol, settings, days, initialUsdt, onProgress }: BacktestCommandInput): Promise<BacktestResult> {
  let market;
  let rows;
  try {
    market = marketInfoFromCcxt((await client.market(symbol))!);
    rows = await client.fetchOHLCV(symbol, '1d', { limit: Math.min(1000, days + settings.strategy.emaSlow) });
  } catch (error) {
    throw new ContractFailure('INVALID_STATE', `History is unavailable right now: ${(error as Error).message}`);
  }
  const candles = rows.filter((c) => c.every((v) => typeof v === 'number')) as unknown as OHLCV[];
  const startAt = candles[Math.max(0, candles.length - days)]?.[0];
  let runId = '';
  const report = runBacktest({
    candles,
    params: settings.strategy,
    risk: settings.risk,
    market,
    initialUsdt,
    startAt,
    onProgress: (done, total) => onProgress({ runId, done, total }),
  });
  runId = report.runId;
  return {
    runId: report.runId,
    from: report.from,
    to: report.to,
    trades: report.trades.map((t) => ({ time: t.time, side: t.side, price: t.price, amount: t.amount, cost: t.cost, fee: t.fee, reason: t.reason })),
    finalEquityUsdt: report.finalEquityUsdt,
    pnlUsdt: report.pnlUsdt,
    maxDrawdownPercent: report.maxDrawdownPercent,
    equity: report.equity,
  };
}
