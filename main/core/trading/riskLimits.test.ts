import { describe, expect, it } from 'vitest';
import { defaultRiskLimits } from '../../../shared/tradingSettings';
import type { OrderIntent } from './OrderIntent';
import { checkRiskLimits, type RiskContext, type RiskResult } from './riskLimits';

const order = (price: string, amount: string, side: 'buy' | 'sell' = 'buy'): OrderIntent => ({ symbol: 'QRL/USDT', side, type: 'limit', price, amount, reason: 'test' });
const context = (overrides: Partial<RiskContext> = {}): RiskContext => ({
  limits: defaultRiskLimits(), // max position 500, max order 50, loss cap 25, 10 a day
  positionUsdt: '0',
  openBuyOrdersUsdt: '0',
  ordersToday: 0,
  pnlTodayUsdt: '0',
  killSwitch: false,
  ...overrides,
});
const codes = (result: RiskResult) => (result.ok ? [] : result.rejections.map((r) => r.code));
const messages = (result: RiskResult) => (result.ok ? [] : result.rejections.map((r) => r.message));

describe('checkRiskLimits', () => {
  it('passes an order inside every limit', () => {
    expect(checkRiskLimits(order('0.4', '125'), context())).toEqual({ ok: true });
  });

  it('MAX_POSITION: position + open buys + this order may not exceed MAX_POSITION_USDT', () => {
    const result = checkRiskLimits(order('0.4', '125'), context({ positionUsdt: '420', openBuyOrdersUsdt: '30.01' }));
    expect(codes(result)).toEqual(['MAX_POSITION']);
    expect(messages(result)).toEqual(['Position 420.00 USDT + open buys 30.01 USDT + this order 50.00 USDT = 500.01 USDT would exceed the maximum position of 500.00 USDT.']);
  });

  it('MAX_POSITION: reaching the maximum exactly is allowed', () => {
    expect(checkRiskLimits(order('0.4', '125'), context({ positionUsdt: '420', openBuyOrdersUsdt: '30' })).ok).toBe(true);
  });

  it('MAX_POSITION: counts open buy orders, not only fills (the original counted neither correctly)', () => {
    expect(codes(checkRiskLimits(order('0.4', '125'), context({ openBuyOrdersUsdt: '460' })))).toEqual(['MAX_POSITION']);
  });

  it('MAX_ORDER_VALUE: one order may not be worth more than maxOrderUsdt', () => {
    const result = checkRiskLimits(order('0.4', '125.03'), context());
    expect(codes(result)).toEqual(['MAX_ORDER_VALUE']);
    expect(messages(result)).toEqual(['This order is worth 50.01 USDT, above the maximum of 50.00 USDT for one order.']);
  });

  it("DAILY_LOSS_CAP: stops buying once today's realized + unrealized loss reaches the cap", () => {
    const result = checkRiskLimits(order('0.4', '10'), context({ pnlTodayUsdt: '-25' }));
    expect(codes(result)).toEqual(['DAILY_LOSS_CAP']);
    expect(messages(result)[0]).toMatch(/Today's loss of 25\.00 USDT has reached the daily cap of 25\.00 USDT/);
    expect(checkRiskLimits(order('0.4', '10'), context({ pnlTodayUsdt: '-24.99' })).ok).toBe(true);
    expect(checkRiskLimits(order('0.4', '10', 'sell'), context({ pnlTodayUsdt: '-100' })).ok).toBe(true);
  });

  it('MAX_ORDERS_PER_DAY: the 10-a-day rule the original never enforced', () => {
    const result = checkRiskLimits(order('0.4', '10'), context({ ordersToday: 10 }));
    expect(codes(result)).toEqual(['MAX_ORDERS_PER_DAY']);
    expect(messages(result)).toEqual(['10 orders were already sent today, the daily maximum is 10.']);
    expect(checkRiskLimits(order('0.4', '10'), context({ ordersToday: 9 })).ok).toBe(true);
  });

  it('KILL_SWITCH: nothing goes out while the kill switch is on', () => {
    expect(codes(checkRiskLimits(order('0.4', '10'), context({ killSwitch: true })))).toEqual(['KILL_SWITCH']);
    expect(codes(checkRiskLimits(order('0.4', '10', 'sell'), context({ killSwitch: true })))).toEqual(['KILL_SWITCH']);
  });

  it('reports every limit broken, in order', () => {
    const result = checkRiskLimits(order('1', '600'), context({ killSwitch: true, pnlTodayUsdt: '-30', ordersToday: 12 }));
    expect(codes(result)).toEqual(['KILL_SWITCH', 'MAX_POSITION', 'MAX_ORDER_VALUE', 'DAILY_LOSS_CAP', 'MAX_ORDERS_PER_DAY']);
  });
});
