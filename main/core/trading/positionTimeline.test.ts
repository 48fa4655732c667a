import { describe, expect, it } from 'vitest';
import type { BrokerFill } from './Broker';
import { positionTimeline } from './positionTimeline';
import { TradeHistory } from './TradeHistory';

const T = Date.parse('2026-11-20T01:00:00Z');
const fill = (id: string, side: 'buy' | 'sell', price: string, amount: string, timestamp: number): BrokerFill => ({
  id,
  orderId: id,
  clientOrderId: null,
  symbol: 'QRL/USDT',
  side,
  price,
  amount,
  cost: (Number(price) * Number(amount)).toString(),
  fee: { cost: '0', currency: 'USDT' },
  takerOrMaker: 'taker',
  timestamp,
});
const assets = { base: 'QRL', quote: 'USDT' };

describe('positionTimeline', () => {
  it('one point per fill, valued at its price, then now at the last price', () => {
    const history = new TradeHistory([fill('a', 'buy', '1', '10', T), fill('b', 'buy', '2', '10', T + 86_400_000), fill('c', 'sell', '3', '5', T + 2 * 86_400_000)], assets);
    expect(positionTimeline(history, '2.5', T + 3 * 86_400_000)).toEqual([
      { time: T, positionAmount: '10', averageCost: '1', realized: '0', unrealized: '0' },
      { time: T + 86_400_000, positionAmount: '20', averageCost: '1.5', realized: '0', unrealized: '10' },
      { time: T + 2 * 86_400_000, positionAmount: '15', averageCost: '1.5', realized: '7.5', unrealized: '22.5' },
      { time: T + 3 * 86_400_000, positionAmount: '15', averageCost: '1.5', realized: '7.5', unrealized: '15' },
    ]);
  });

  it('fills within one second show as the last of them; no "now" point without a price or fills', () => {
    const history = new TradeHistory([fill('a', 'buy', '1', '10', T), fill('b', 'buy', '1', '5', T + 400)], assets);
    expect(positionTimeline(history, null, T + 60_000).map((p) => [p.time, p.positionAmount])).toEqual([[T + 400, '15']]);
    expect(positionTimeline(new TradeHistory([], assets), '1', T)).toEqual([]);
  });
});
