import type { OHLCV, OrderBook, Ticker } from 'ccxt';
import type { Candle, MarketSummary, OrderBookView } from '../../../shared/contract';

/**
 * ccxt hands back floats parsed from MEXC's decimal strings. For the page we
 * turn them back into decimal strings at the market's precision: toFixed of a
 * float parsed from a decimal with no more places than `decimals` gives that
 * decimal back exactly.
 */
export function decimalString(value: number | undefined | null, decimals: number): string | null {
  if (value === undefined || value === null || !Number.isFinite(value)) return null;
  return value.toFixed(decimals);
}

export interface DisplayPrecision {
  price: number;
  amount: number;
}

export function toMarketSummary(ticker: Ticker, precision: DisplayPrecision, fetchedAt: number, stale: boolean): MarketSummary | null {
  const last = decimalString(ticker.last, precision.price);
  if (last === null) return null;
  return {
    last,
    // MEXC's priceChangePercent is a fraction; ccxt's `percentage` is already ×100.
    change24hPercent: decimalString(ticker.percentage, 2),
    bid: decimalString(ticker.bid, precision.price),
    ask: decimalString(ticker.ask, precision.price),
    high24h: decimalString(ticker.high, precision.price),
    low24h: decimalString(ticker.low, precision.price),
    volume24h: decimalString(ticker.baseVolume, precision.amount),
    fetchedAt,
    stale,
  };
}

export function toOrderBookView(book: OrderBook, precision: DisplayPrecision, depth: number, fetchedAt: number, stale: boolean): OrderBookView {
  const side = (levels: OrderBook['bids']) =>
    levels.slice(0, depth).flatMap(([price, amount]) => {
      const p = decimalString(price, precision.price);
      const a = decimalString(amount, precision.amount);
      return p !== null && a !== null ? [[p, a] as [string, string]] : [];
    });
  return { bids: side(book.bids), asks: side(book.asks), fetchedAt, stale };
}

export function toCandles(rows: OHLCV[], precision: DisplayPrecision): Candle[] {
  return rows.flatMap(([time, open, high, low, close, volume]) => {
    const values = [open, high, low, close].map((v) => decimalString(v, precision.price));
    const vol = decimalString(volume, precision.amount);
    if (typeof time !== 'number' || values.some((v) => v === null) || vol === null) return [];
    const [o, h, l, c] = values as string[];
    return [{ time, open: o!, high: h!, low: l!, close: c!, volume: vol }];
  });
}
