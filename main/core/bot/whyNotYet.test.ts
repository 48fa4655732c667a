import { describe, expect, it } from 'vitest';
import { lastEma } from '../../../shared/indicators';
import { defaultRiskLimits, defaultStrategyParams } from '../../../shared/tradingSettings';
import { qrlTestMarket } from '../../../test/support/qrlTestMarket';
import type { OHLCV } from '../trading/emaAccumulationStrategy';
import type { OrderChecksNow } from './orderChecksNow';
import { whyNotYet, type WhyNotInput } from './whyNotYet';

const DAY = 86_400_000;
const candlesOf = (closes: number[]): OHLCV[] => closes.map((close, i) => [i * DAY, close, close, close, close, 1000]);
const flat = (days: number, close: number) => new Array<number>(days).fill(close);

/** A paper wallet with 1000 USDT free, nothing held, nothing open, nothing sent today. */
const clearChecks = (over: { risk?: Partial<OrderChecksNow['risk']>; free?: string; held?: OrderChecksNow['held'] } = {}): OrderChecksNow => ({
  preTrade: { market: qrlTestMarket(), freeBalances: { USDT: over.free ?? '1000', QRL: '0' }, openOrderCount: 0, maxOpenOrders: 5 },
  risk: { positionUsdt: '0', openBuyOrdersUsdt: '0', ordersToday: 0, pnlTodayUsdt: '0', killSwitch: false, ...over.risk },
  held: over.held ?? null,
});

const input = (overrides: Partial<WhyNotInput> = {}): WhyNotInput => ({
  symbol: 'QRL/USDT',
  candles: candlesOf(flat(120, 0.4)),
  last: '0.4',
  strategy: defaultStrategyParams(),
  risk: defaultRiskLimits(),
  botState: 'running',
  nextRunAt: 1_800_000_000_000,
  checks: clearChecks(),
  pricePlaces: 4,
  ...overrides,
});

describe('whyNotYet: "why hasn\'t it bought?" from the strategy\'s rule and the real checks', () => {
  it('says how far the close is above EMA60 × 1.02, in price and in percent of the close', () => {
    const closes = [...flat(119, 0.4), 0.5];
    const why = whyNotYet(input({ candles: candlesOf(closes), last: '0.5' }));
    const threshold = lastEma(closes, 60)! * 1.02;
    expect(why.signal).toBe('hold');
    expect(why.threshold).toBe(threshold.toFixed(4));
    expect(why.gap).toBe((0.5 - threshold).toFixed(4));
    expect(why.gapPercent).toBe((((0.5 - threshold) / 0.5) * 100).toFixed(2));
    expect(why.trendUp).toBe(true);
    expect(why.summary).toBe(`No buy: close ${why.gapPercent} % above the buy line`);
    expect(why.reason).toMatch(/not near support/);
  });

  it('is a buy signal exactly when the strategy would buy: close ≤ threshold and EMA20 ≥ EMA60 (equal counts)', () => {
    const why = whyNotYet(input());
    expect(why).toMatchObject({ signal: 'buy', close: '0.4000', emaFast: '0.4000', emaSlow: '0.4000', threshold: '0.4080', gap: '-0.0080', gapPercent: '-2.00', trendUp: true, blockers: [] });
    expect(why.summary).toBe('Buy signal: the next run buys');
    expect(why.nextRunAt).toBe(1_800_000_000_000);
  });

  it('names the falling trend when EMA20 is below EMA60, even with the close inside the zone', () => {
    const closes = Array.from({ length: 120 }, (_, i) => 0.6 - i * 0.002);
    const why = whyNotYet(input({ candles: candlesOf(closes), last: String(closes[119]) }));
    expect(why.trendUp).toBe(false);
    expect(Number(why.gap)).toBeLessThan(0);
    expect(why.signal).toBe('hold');
    expect(why.summary).toBe('No buy: EMA20 below EMA60');
  });

  it('has no signal without enough daily candles, and says so', () => {
    const why = whyNotYet(input({ candles: candlesOf(flat(30, 0.4)) }));
    expect(why).toMatchObject({ signal: 'unknown', close: null, threshold: null, gap: null, trendUp: null });
    expect(why.reason).toMatch(/Only 30 daily candles; EMA60 needs at least 60/);
    expect(why.summary).toBe('No buy: not enough daily candles for EMA60 yet');
  });

  it('follows the settings: periods and threshold', () => {
    const strategy = { ...defaultStrategyParams(), emaFast: 5, emaSlow: 10, buyThreshold: 0.9 };
    const why = whyNotYet(input({ strategy }));
    expect(why.params).toEqual({ emaFast: 5, emaSlow: 10, buyThreshold: 0.9 });
    expect(why.threshold).toBe('0.3600');
    expect(why.signal).toBe('hold');
  });

  it('says which risk limit would refuse the buy now, and by how much', () => {
    // 50 USDT at 0.4 × 0.98: the order is 50.00 USDT; 480 already held + 0 open → 530 > 500, over by 30.
    const why = whyNotYet(input({ checks: clearChecks({ risk: { positionUsdt: '480' } }) }));
    const blocker = why.blockers.find((b) => b.code === 'MAX_POSITION');
    expect(blocker?.message).toMatch(/would exceed the maximum position of 500.00 USDT/);
    expect(blocker?.by).toBe('30.00 USDT');
    expect(why.summary).toBe('Buy signal, held: MAX_POSITION (over by 30.00 USDT)');
  });

  it('counts the daily order cap, the loss cap and the kill switch as the risk limits do', () => {
    const why = whyNotYet(input({ checks: clearChecks({ risk: { ordersToday: 10, pnlTodayUsdt: '-30', killSwitch: true } }) }));
    expect(why.blockers.map((b) => [b.code, b.by])).toEqual([
      ['KILL_SWITCH', null],
      ['DAILY_LOSS_CAP', '5.00 USDT'],
      ['MAX_ORDERS_PER_DAY', '1 order(s)'],
    ]);
  });

  it('names a pre-trade refusal (too little USDT free) with the shortfall', () => {
    const why = whyNotYet(input({ checks: clearChecks({ free: '20' }) }));
    const blocker = why.blockers.find((b) => b.code === 'INSUFFICIENT_BALANCE');
    expect(blocker?.message).toMatch(/only 20 USDT is free/);
    // 0.4 × 0.98 = 0.392; 50 / 0.392 cut to 127.55 QRL → 49.99960 USDT needed, 29.9996 short.
    expect(blocker?.by).toBe('30.00 USDT');
  });

  it('puts the bot\'s own state first: not running, not ready, held by an unresolved order', () => {
    expect(whyNotYet(input({ botState: 'stopped' })).blockers[0]?.code).toBe('BOT_NOT_RUNNING');
    expect(whyNotYet(input({ checks: null })).blockers.map((b) => b.code)).toEqual(['NOT_READY']);
    const held = whyNotYet(input({ checks: clearChecks({ held: { code: 'UNRESOLVED_ORDER', message: 'Order x has an unknown outcome' } }) }));
    expect(held.blockers[0]).toEqual({ code: 'UNRESOLVED_ORDER', message: 'Order x has an unknown outcome', by: null });
    expect(held.summary).toBe('Buy signal, held: UNRESOLVED_ORDER');
  });

  it('cannot size an order without a price', () => {
    expect(whyNotYet(input({ last: null })).blockers.map((b) => b.code)).toEqual(['NO_PRICE']);
  });
});
