import { describe, expect, it } from 'vitest';
import {
  defaultRiskLimits,
  defaultStrategyParams,
  PriceAlertRuleSchema,
  RiskLimitsSchema,
  StrategyParamsSchema,
  tradingSettingsProblems,
} from './tradingSettings';

const messages = (result: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];

describe('StrategyParamsSchema', () => {
  it("defaults to the original bot's parameters", () => {
    expect(defaultStrategyParams()).toEqual({
      baseOrderUsdt: 50,
      priceOffset: 0.98,
      emaFast: 20,
      emaSlow: 60,
      candleLimit: 120,
      buyThreshold: 1.02,
      dailyRunTime: '09:00',
    });
  });

  it('keeps PRICE_OFFSET strictly between 0 and 1', () => {
    for (const priceOffset of [0, 1, 1.2, -0.5]) expect(StrategyParamsSchema.safeParse({ priceOffset }).success, String(priceOffset)).toBe(false);
    expect(StrategyParamsSchema.parse({ priceOffset: 0.995 }).priceOffset).toBe(0.995);
  });

  it('keeps BASE_ORDER_USDT between 1 and 100,000, to the cent', () => {
    expect(StrategyParamsSchema.safeParse({ baseOrderUsdt: 0.5 }).success).toBe(false);
    expect(StrategyParamsSchema.safeParse({ baseOrderUsdt: 100_001 }).success).toBe(false);
    expect(messages(StrategyParamsSchema.safeParse({ baseOrderUsdt: 10.005 }))).toEqual(['baseOrderUsdt: must have at most 2 decimal places (cents)']);
    expect(StrategyParamsSchema.parse({ baseOrderUsdt: 12.34 }).baseOrderUsdt).toBe(12.34);
  });

  it('needs the fast EMA shorter than the slow one', () => {
    expect(messages(StrategyParamsSchema.safeParse({ emaFast: 60, emaSlow: 60 }))).toEqual(['emaFast: the fast EMA period (emaFast) must be shorter than the slow one (emaSlow)']);
  });

  it('needs at least as many candles as the slow EMA period', () => {
    expect(messages(StrategyParamsSchema.safeParse({ emaSlow: 150, candleLimit: 120 }))).toEqual(['candleLimit: candleLimit must be at least emaSlow: the slow EMA needs that many candles']);
  });

  it('needs a positive buy threshold and an HH:MM run time', () => {
    expect(StrategyParamsSchema.safeParse({ buyThreshold: 0 }).success).toBe(false);
    expect(StrategyParamsSchema.safeParse({ dailyRunTime: '9:00' }).success).toBe(false);
    expect(StrategyParamsSchema.safeParse({ dailyRunTime: '24:00' }).success).toBe(false);
    expect(StrategyParamsSchema.parse({ dailyRunTime: '23:59' }).dailyRunTime).toBe('23:59');
  });

  it('refuses unknown keys (a typo must not pass silently)', () => {
    expect(StrategyParamsSchema.safeParse({ baseOrderUSDT: 60 }).success).toBe(false);
  });
});

describe('RiskLimitsSchema', () => {
  it('has defaults, with the original 10 orders a day', () => {
    expect(defaultRiskLimits()).toEqual({ maxPositionUsdt: 500, maxOrderUsdt: 50, dailyLossCapUsdt: 25, maxOrdersPerDay: 10, maxOpenOrders: 5 });
  });

  it("never allows more open orders than MEXC's 500", () => {
    expect(messages(RiskLimitsSchema.safeParse({ maxOpenOrders: 501 }))).toEqual(['maxOpenOrders: MEXC allows at most 500 open orders']);
  });
});

describe('tradingSettingsProblems', () => {
  const strategy = (input: object) => StrategyParamsSchema.parse(input);
  const risk = (input: object) => RiskLimitsSchema.parse(input);

  it('finds nothing wrong with the defaults', () => {
    expect(tradingSettingsProblems(defaultStrategyParams(), defaultRiskLimits())).toEqual([]);
  });

  it('needs MAX_POSITION_USDT ≥ BASE_ORDER_USDT, checked where both are visible', () => {
    const problems = tradingSettingsProblems(strategy({ baseOrderUsdt: 100 }), risk({ maxPositionUsdt: 80, maxOrderUsdt: 100 }));
    expect(problems).toEqual([{ path: ['risk', 'maxPositionUsdt'], message: 'maxPositionUsdt (MAX_POSITION_USDT) must be at least baseOrderUsdt (BASE_ORDER_USDT, 100)' }]);
  });

  it('needs the max order value to allow one base order', () => {
    const problems = tradingSettingsProblems(strategy({ baseOrderUsdt: 60 }), risk({ maxOrderUsdt: 50 }));
    expect(problems).toEqual([{ path: ['risk', 'maxOrderUsdt'], message: 'maxOrderUsdt must be at least baseOrderUsdt (60), or every buy is refused' }]);
  });
});

describe('PriceAlertRuleSchema', () => {
  it('takes above/below prices and 24 h moves as positive decimals', () => {
    expect(PriceAlertRuleSchema.parse({ id: 'a', type: 'below', value: '0.35' })).toEqual({ id: 'a', type: 'below', value: '0.35', enabled: true });
    expect(PriceAlertRuleSchema.parse({ id: 'b', type: 'move24h', value: '5' }).type).toBe('move24h');
    expect(PriceAlertRuleSchema.safeParse({ id: 'c', type: 'above', value: '0' }).success).toBe(false);
    expect(PriceAlertRuleSchema.safeParse({ id: 'c', type: 'above', value: '-1' }).success).toBe(false);
    expect(PriceAlertRuleSchema.safeParse({ id: 'c', type: 'sideways', value: '1' }).success).toBe(false);
  });
});

describe('price alert rule values', () => {
  it.each(['', '1.2.3', 'abc', '0'])('reports %j as an issue instead of throwing', async (value) => {
    const { PriceAlertRuleSchema } = await import('./tradingSettings');
    expect(() => PriceAlertRuleSchema.safeParse({ id: 'r1', type: 'above', value })).not.toThrow();
    expect(PriceAlertRuleSchema.safeParse({ id: 'r1', type: 'above', value }).success).toBe(false);
  });
});
