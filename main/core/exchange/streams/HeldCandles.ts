import type { KlineBody } from './mexcPushProto';

/** One candle's values as MEXC prints them (decimal strings); also the shape of a 24 h window's statistics (rolling24h). */
export interface CandleValues {
  /** ms */
  openTime: number;
  open: string;
  high: string;
  low: string;
  close: string;
  /** base volume */
  volume: string;
  /** quote volume */
  quoteVolume: string;
}

/** One candle as MEXC printed it, and when this client learned those values. */
export interface StreamCandle extends CandleValues {
  /** when these values were current: a push's arrival, or a REST read's answer */
  asOf: number;
}

/** A kline push as a candle: MEXC's window times are in seconds (MEXC's Spot v3 docs, kline streams). */
export function candleFromPush(body: KlineBody, asOf: number): StreamCandle {
  return {
    openTime: body.windowStart * 1000,
    open: body.openingPrice,
    high: body.highestPrice,
    low: body.lowestPrice,
    close: body.closingPrice,
    volume: body.volume,
    quoteVolume: body.amount,
    asOf,
  };
}

/** A row of GET /api/v3/klines: [openTime, open, high, low, close, volume, closeTime, quoteVolume]. */
export function candleFromRest(row: unknown[], asOf: number): StreamCandle {
  return { openTime: Number(row[0]), open: String(row[1]), high: String(row[2]), low: String(row[3]), close: String(row[4]), volume: String(row[5]), quoteVolume: String(row[7]), asOf };
}

/**
 * The candles of one market and interval this client holds, by open time.
 * A pushed candle and a REST row of the same window are the same candle at
 * two moments: the newer one wins, whichever way they arrived.
 */
export class HeldCandles {
  private readonly byOpen = new Map<number, StreamCandle>();
  /** the open times at both ends, kept as candles come: every push asks for one end or the other */
  private oldestOpen = Number.POSITIVE_INFINITY;
  private newestOpen = Number.NEGATIVE_INFINITY;

  put(candle: StreamCandle): void {
    const held = this.byOpen.get(candle.openTime);
    if (!held || held.asOf <= candle.asOf) this.byOpen.set(candle.openTime, candle);
    this.oldestOpen = Math.min(this.oldestOpen, candle.openTime);
    this.newestOpen = Math.max(this.newestOpen, candle.openTime);
  }

  /** The newest window held: the forming candle while the stream is live. */
  newest(): StreamCandle | null {
    return this.byOpen.get(this.newestOpen) ?? null;
  }

  get(openTime: number): StreamCandle | undefined {
    return this.byOpen.get(openTime);
  }

  /** Forget windows that opened before `openTime` (nothing reads that far back); nothing to walk while none is that old. */
  dropBefore(openTime: number): void {
    if (openTime <= this.oldestOpen) return;
    for (const open of this.byOpen.keys()) if (open < openTime) this.byOpen.delete(open);
    this.oldestOpen = Number.POSITIVE_INFINITY;
    for (const open of this.byOpen.keys()) this.oldestOpen = Math.min(this.oldestOpen, open);
    if (this.byOpen.size === 0) this.newestOpen = Number.NEGATIVE_INFINITY;
  }
}
