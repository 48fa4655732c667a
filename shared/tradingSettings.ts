/**
 * Strategy parameters and risk limits: one zod schema each, which is also the
 * one source of truth for every default. Names of the original bot
 * (7Spade/qrl, src/core/config.py and src/strategies/ema_strategy.py) are kept
 * in the comments. Imports nothing from settings.ts, so settings.ts can import
 * these without a cycle.
 */
import { z } from 'zod';
import { Decimal } from './decimal';

/** MEXC's cap on live orders per account (MEXC's Spot v3 docs, limits). */
export const MEXC_MAX_OPEN_ORDERS = 500;
/** MEXC serves at most 1000 klines per request (MEXC's Spot v3 docs, market data). */
export const MEXC_MAX_KLINES = 1000;

const placesOk = (value: number, places: number) => Number.isFinite(value) && Decimal.from(value).decimalPlaces <= places;

/** A USDT amount: a plain number in the file and the form, exact to the cent. */
const usdt = (fallback: number, min: number, max: number) =>
  z
    .number()
    .min(min, `must be at least ${min} USDT`)
    .max(max, `must be at most ${max.toLocaleString('en-US')} USDT`)
    .refine((value) => placesOk(value, 2), 'must have at most 2 decimal places (cents)')
    .default(fallback);

const EIGHT_PLACES = 'must have at most 8 decimal places';

export const StrategyParamsSchema = z
  .strictObject({
    /** BASE_ORDER_USDT: the value of one limit buy, in USDT */
    baseOrderUsdt: usdt(50, 1, 100_000),
    /** PRICE_OFFSET: the limit price as a share of ticker.last (0.98 = 2 % below), strictly between 0 and 1 */
    priceOffset: z
      .number()
      .gt(0, 'PRICE_OFFSET must be above 0')
      .lt(1, 'PRICE_OFFSET must be below 1: a buy limit at or above the last price is not an offset')
      .refine((value) => placesOk(value, 8), EIGHT_PLACES)
      .default(0.98),
    /** ema_short: period of the fast EMA */
    emaFast: z.number().int('must be a whole number of candles').min(2).max(500).default(20),
    /** ema_long: period of the slow EMA */
    emaSlow: z.number().int('must be a whole number of candles').min(3).max(MEXC_MAX_KLINES).default(60),
    /** the engine's fetch_ohlcv limit=120: daily candles read, the forming one included */
    candleLimit: z.number().int('must be a whole number of candles').min(3).max(MEXC_MAX_KLINES).default(120),
    /** support_threshold: buy while close ≤ EMA slow × this */
    buyThreshold: z.number().gt(0, 'must be above 0').max(10, 'must be at most 10').refine((value) => placesOk(value, 8), EIGHT_PLACES).default(1.02),
    /** the daily run in local time (the original's cron `0 9 * * *`, Asia/Taipei) */
    dailyRunTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM on a 24-hour clock, e.g. 09:00')
      .default('09:00'),
  })
  .refine((p) => p.emaFast < p.emaSlow, {
    message: 'the fast EMA period (emaFast) must be shorter than the slow one (emaSlow)',
    path: ['emaFast'],
  })
  .refine((p) => p.candleLimit >= p.emaSlow, {
    message: 'candleLimit must be at least emaSlow: the slow EMA needs that many candles',
    path: ['candleLimit'],
  })
  .prefault({});
export type StrategyParams = z.output<typeof StrategyParamsSchema>;

export const RiskLimitsSchema = z
  .strictObject({
    /** MAX_POSITION_USDT: cost of the position + open buy orders + this order may not exceed it */
    maxPositionUsdt: usdt(500, 1, 10_000_000),
    /** max_order_usdt (the original passes BASE_ORDER_USDT): one order's value may not exceed it */
    maxOrderUsdt: usdt(50, 1, 1_000_000),
    /** realized + unrealized loss since local midnight (calendar day, USDT) that stops new buys */
    dailyLossCapUsdt: usdt(25, 1, 1_000_000),
    /** max_daily_orders: the original's 10-a-day rule (it never ran there; it does here) */
    maxOrdersPerDay: z.number().int().min(1).max(1000).default(10),
    /** open orders this bot may have at once; never above MEXC's 500 */
    maxOpenOrders: z
      .number()
      .int()
      .min(1)
      .max(MEXC_MAX_OPEN_ORDERS, `MEXC allows at most ${MEXC_MAX_OPEN_ORDERS} open orders`)
      .default(5),
  })
  .prefault({});
export type RiskLimits = z.output<typeof RiskLimitsSchema>;

/**
 * Rules across the two sections, stated once. config.py's validator:
 * "max_position_usdt must be >= base_order_usdt".
 */
export function tradingSettingsProblems(strategy: StrategyParams, risk: RiskLimits): { path: string[]; message: string }[] {
  const problems: { path: string[]; message: string }[] = [];
  if (risk.maxPositionUsdt < strategy.baseOrderUsdt) {
    problems.push({ path: ['risk', 'maxPositionUsdt'], message: `maxPositionUsdt (MAX_POSITION_USDT) must be at least baseOrderUsdt (BASE_ORDER_USDT, ${strategy.baseOrderUsdt})` });
  }
  if (risk.maxOrderUsdt < strategy.baseOrderUsdt) {
    problems.push({ path: ['risk', 'maxOrderUsdt'], message: `maxOrderUsdt must be at least baseOrderUsdt (${strategy.baseOrderUsdt}), or every buy is refused` });
  }
  return problems;
}

/** A price rule: above/below a price in USDT, or a 24 h move of at least N %. */
export const PriceAlertRuleSchema = z.strictObject({
  id: z.string().min(1).max(40),
  type: z.enum(['above', 'below', 'move24h']),
  /** a price in USDT for above/below, a percentage for move24h */
  value: z
    .string()
    .regex(/^\d{1,9}(\.\d{1,8})?$/, 'must be a positive decimal number with at most 8 decimal places')
    .refine((value) => Decimal.isDecimalString(value) && Decimal.from(value).isPositive(), 'must be above 0'),
  enabled: z.boolean().default(true),
});
export type PriceAlertRule = z.output<typeof PriceAlertRuleSchema>;

export const defaultStrategyParams = (): StrategyParams => StrategyParamsSchema.parse(undefined);
export const defaultRiskLimits = (): RiskLimits => RiskLimitsSchema.parse(undefined);
