import type { OHLCV as CcxtOHLCV } from 'ccxt';
import type { BotStatus, MarketSummary, WhyNot } from '../../../shared/contract';
import type { Settings } from '../../../shared/settings';
import type { DisplayPrecision } from '../market/toContract';
import type { OHLCV } from '../trading/emaAccumulationStrategy';
import type { TradingEngine } from './TradingEngine';
import { whyNotYet } from './whyNotYet';

// Why a module of its own: a snapshot is built on every market update, and the why-not (strategy + every check) costs several
// times a snapshot's other parts; it is computed again only when something it reads has changed.

const MINUTE_MS = 60_000;

export interface WhyNotParts {
  now: number;
  status: BotStatus;
  nextRunAt: number | null;
  market: MarketSummary | null;
  precision: DisplayPrecision;
  trading: TradingEngine | null;
  /** the daily candle feed's newest value (the same array until the next read) */
  dailyCandles: CcxtOHLCV[] | null;
  settings: Settings;
}

/** "Why hasn't it bought?" for the snapshot: null until the daily candles are in. */
export class LatestWhyNot {
  private key: readonly unknown[] | null = null;
  private value: WhyNot | null = null;

  of({ now, status, nextRunAt, market, precision, trading, dailyCandles, settings }: WhyNotParts): WhyNot | null {
    const last = market?.last ?? null;
    const ready = trading?.ready ?? false;
    // Local midnight (the day's loss and order count) is within the minute: a minute bucket catches the day turning.
    const key = [dailyCandles, last, settings, status.state, nextRunAt, precision.price, ready, ready ? trading!.stateVersion : null, Math.floor(now / MINUTE_MS)];
    if (this.key && key.every((part, i) => part === this.key![i])) return this.value;
    this.key = key;
    this.value = dailyCandles
      ? whyNotYet({
          symbol: status.symbol,
          // The strategy refuses a row with a missing value by itself.
          candles: dailyCandles as unknown as OHLCV[],
          last,
          strategy: settings.strategy,
          risk: settings.risk,
          botState: status.state,
          nextRunAt,
          checks: ready ? trading!.orderChecksNow(last) : null,
          pricePlaces: precision.price,
        })
      : null;
    return this.value;
  }
}
