import type { OrderBook, Ticker, Trade } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { paperMarketView } from './paperMarketView';

const book = { bids: [[0.4, 120]], asks: [[0.401, 80]] } as unknown as OrderBook;
const ticker = { last: 0.4005 } as Ticker;
const trade = (price: number, amount: number, timestamp: number, side: string) => ({ price, amount, timestamp, side }) as unknown as Trade;

describe('paperMarketView', () => {
  it('carries the book, the last price and the tape as decimal strings', async () => {
    const view = await paperMarketView({ book, ticker, readTrades: async () => [trade(0.4, 12.5, 1_000, 'sell'), trade(0.401, 3, 2_000, 'buy')] });
    expect(view).toEqual({
      bids: [['0.4', '120']],
      asks: [['0.401', '80']],
      last: '0.4005',
      trades: [{ price: '0.4', amount: '12.5', timestamp: 1_000, side: 'sell' }, { price: '0.401', amount: '3', timestamp: 2_000, side: 'buy' }],
    });
  });

  it('leaves the tape out when it cannot be read (the broker then needs a price through its order), and when not asked for', async () => {
    const failed = await paperMarketView({ book, ticker, readTrades: () => Promise.reject(new Error('503')) });
    expect(failed).not.toHaveProperty('trades');
    expect(await paperMarketView({ book, ticker: null, readTrades: null })).toEqual({ bids: [['0.4', '120']], asks: [['0.401', '80']], last: null });
  });

  it('an empty tape stays an empty tape (nothing traded), and a trade without a time is dropped', async () => {
    expect((await paperMarketView({ book, ticker, readTrades: async () => [] })).trades).toEqual([]);
    const partial = { price: 0.4, amount: 1, timestamp: undefined, side: 'sell' } as unknown as Trade;
    expect((await paperMarketView({ book, ticker, readTrades: async () => [partial] })).trades).toEqual([]);
  });
});
