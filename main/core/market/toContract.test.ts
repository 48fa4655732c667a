import type { Ticker } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { decimalString, toCandles, toMarketSummary, toOrderBookView } from './toContract';

const precision = { price: 4, amount: 2 };

describe('ccxt data to contract shapes', () => {
  it('turns parsed floats back into the exact decimals at market precision', () => {
    expect(decimalString(0.4123, 4)).toBe('0.4123');
    expect(decimalString(0.1 + 0.2, 4)).toBe('0.3000');
    expect(decimalString(120.5, 2)).toBe('120.50');
    expect(decimalString(NaN, 2)).toBeNull();
    expect(decimalString(undefined, 2)).toBeNull();
  });

  it('summarises a ticker, and has nothing to say without a last price', () => {
    const ticker = { last: 0.4123, percentage: -2.345, bid: 0.4122, ask: 0.4125, high: 0.43, low: 0.4, baseVolume: 123456.78 } as Ticker;
    expect(toMarketSummary(ticker, precision, 5, false)).toEqual({
      last: '0.4123',
      change24hPercent: '-2.35',
      bid: '0.4122',
      ask: '0.4125',
      high24h: '0.4300',
      low24h: '0.4000',
      volume24h: '123456.78',
      fetchedAt: 5,
      stale: false,
    });
    expect(toMarketSummary({ ...ticker, last: undefined } as unknown as Ticker, precision, 5, false)).toBeNull();
  });

  it('cuts the book to the asked depth', () => {
    const book = { bids: [[0.41, 10], [0.4, 5]], asks: [[0.42, 1]] } as never;
    expect(toOrderBookView(book, precision, 1, 9, true)).toEqual({ bids: [['0.4100', '10.00']], asks: [['0.4200', '1.00']], fetchedAt: 9, stale: true });
  });

  it('skips candles with missing values instead of inventing them', () => {
    expect(toCandles([[1, 0.4, 0.5, 0.3, 0.45, 100], [2, undefined, 0.5, 0.3, 0.45, 100]] as never, precision)).toEqual([
      { time: 1, open: '0.4000', high: '0.5000', low: '0.3000', close: '0.4500', volume: '100.00' },
    ]);
  });
});
