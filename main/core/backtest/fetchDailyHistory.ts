import type { OHLCV } from '../trading/emaAccumulationStrategy';
import { MEXC_MAX_KLINES } from '../../../shared/tradingSettings';

const DAY = 86_400_000;
/**
 * ccxt's mexc fetchOHLCV asks for [since, since + 500 candles] whatever the
 * limit ("docs say 1000 for spot, but in practice it's 500", ccxt's mexc.js),
 * so a page brings at most 500 daily candles; an empty page (before the
 * market was listed) moves the window on by as much.
 */
export const CCXT_MEXC_KLINE_WINDOW = 500;

export interface DailyHistoryClient {
  fetchOHLCV(symbol: string, timeframe: string, options: { since?: number; limit?: number }): Promise<unknown[][]>;
}

export interface DailyHistoryRequest {
  client: DailyHistoryClient;
  symbol: string;
  /** days to backtest, today's forming candle included */
  days: number;
  /** candles before the first day, to warm the EMAs up as the live bot sees them */
  warmup: number;
  now: number;
}

export interface DailyHistory {
  /** warm-up candles then the period's, oldest first, no duplicates */
  candles: OHLCV[];
  /** open time of the first day of the period (candles before it only warm up) */
  startAt: number | null;
  requestedDays: number;
  /** days of the period actually there */
  usedDays: number;
  /** klines requests made (each weight 1) */
  requests: number;
  /** said in the result when less was used than asked: why, in words; null when all was there */
  note: string | null;
}

/**
 * Daily history for a backtest, paged forward from the day it must start with
 * startTime windows (MEXC serves at most 1000 klines a request, ccxt asks for
 * 500), through the cached, rate-limited client. A market listed later than
 * that day starts at its first candle, and the result says so.
 */
export async function fetchDailyHistory({ client, symbol, days, warmup, now }: DailyHistoryRequest): Promise<DailyHistory> {
  const today = Math.floor(now / DAY) * DAY;
  const wanted = days + warmup;
  const firstWanted = today - (wanted - 1) * DAY;
  const candles: OHLCV[] = [];
  // Every page moves `since` on by at least a day, and an empty one by a window: this bounds the loop.
  const maxRequests = Math.ceil(wanted / CCXT_MEXC_KLINE_WINDOW) + 2;
  let since = firstWanted;
  let requests = 0;
  while (since <= today && requests < maxRequests) {
    const page = (await client.fetchOHLCV(symbol, '1d', { since, limit: MEXC_MAX_KLINES })).filter(isCandle);
    requests++;
    const newest = candles.at(-1)?.[0] ?? -Infinity;
    for (const candle of page) if (candle[0] > newest && candle[0] >= firstWanted && candle[0] <= today) candles.push(candle);
    since = page.length > 0 ? Math.max(since, page.at(-1)![0]) + DAY : since + CCXT_MEXC_KLINE_WINDOW * DAY;
  }
  const warm = Math.min(warmup, Math.max(0, candles.length - 1));
  const usedDays = candles.length - warm;
  const startAt = candles[warm]?.[0] ?? null;
  return { candles, startAt, requestedDays: days, usedDays, requests, note: describeShortfall(days, usedDays, warm, warmup, candles[0]?.[0], firstWanted) };
}

const isCandle = (row: unknown[]): row is [number, number, number, number, number, number] =>
  row.length >= 6 && row.slice(0, 6).every((value) => typeof value === 'number' && Number.isFinite(value));

const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

function describeShortfall(days: number, usedDays: number, warm: number, warmup: number, first: number | undefined, firstWanted: number): string | null {
  if (usedDays >= days && warm >= warmup) return null;
  if (first === undefined) return `MEXC returned no daily candles for this market: nothing to backtest.`;
  const start = first > firstWanted ? `MEXC's daily history for this market starts on ${isoDay(first)}` : `MEXC returned fewer daily candles than asked`;
  return `Asked for ${days} days; ${start}, so ${usedDays} day${usedDays === 1 ? ' was' : 's were'} used, after ${warm} day${warm === 1 ? '' : 's'} to warm the EMAs up.`;
}
