import { ContractFailure } from '../../../shared/contract';
import type { MexcClient } from '../exchange/MexcClient';
import { marketInfoFromCcxt, type MarketInfo } from '../trading/MarketInfo';
import { fetchDailyHistory, type DailyHistory } from './fetchDailyHistory';

export interface BacktestHistory extends DailyHistory {
  market: MarketInfo;
  startAt: number;
}

/**
 * The market's rules (fees, tick, step) and the daily history a backtest or a
 * sweep replays, with `warmup` candles before the period. Refused with a
 * typed error when MEXC cannot be read or has no day to test.
 */
export async function loadBacktestHistory({ client, symbol, days, warmup, now }: { client: MexcClient; symbol: string; days: number; warmup: number; now: number }): Promise<BacktestHistory> {
  let market: MarketInfo;
  let history: DailyHistory;
  try {
    market = marketInfoFromCcxt((await client.market(symbol))!);
    history = await fetchDailyHistory({ client, symbol, days, warmup, now });
  } catch (error) {
    throw new ContractFailure('INVALID_STATE', `History is unavailable right now: ${(error as Error).message}`);
  }
  if (history.startAt === null) throw new ContractFailure('INVALID_STATE', history.note ?? 'MEXC returned no daily candles for this market.');
  return { ...history, market, startAt: history.startAt };
}
