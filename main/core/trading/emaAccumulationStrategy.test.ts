import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../shared/decimal';
import { defaultStrategyParams } from '../../../shared/tradingSettings';
import { emaAccumulationStrategy, type OHLCV } from './emaAccumulationStrategy';
import { lastEma } from '../../../shared/indicators';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const params = defaultStrategyParams();
const ticker = (last: string) => ({ symbol: 'QRL/USDT', last });
const flat = { amount: '0' };

/** daily candles from closes, oldest first; the last one is the day still forming */
function candles(closes: number[], start = T0): OHLCV[] {
  return closes.map((close, i) => [start + i * DAY, close, close * 1.01, close * 0.99, close, 1000] as const);
}
/** 100 days at 0.40, 19 at 0.41, then today forming at `today`: EMA20 above EMA60, price near it */
const uptrendThen = (today: number) => candles([...new Array(100).fill(0.4), ...new Array(19).fill(0.41), today]);

describe('emaAccumulationStrategy (the original EMA20/60 accumulation rule)', () => {
  it('buys when close ≤ EMA60×1.02 and EMA20 ≥ EMA60, with a reason giving every number', () => {
    const { intents, decision } = emaAccumulationStrategy(uptrendThen(0.405), ticker('0.4061'), flat, params);
    expect(decision.action).toBe('buy');
    expect(decision.reason).toMatch(/^Close 0\.4050 ≤ EMA60×1\.02 = 0\.\d{4} and EMA20 0\.\d{4} ≥ EMA60 0\.\d{4}: buy$/);
    expect(decision.indicators.close).toBe(0.405);
    expect(decision.indicators.threshold).toBe(decision.indicators.emaSlow! * 1.02);
    expect(intents).toHaveLength(1);
  });

  it('places one LIMIT BUY at ticker.last × PRICE_OFFSET for BASE_ORDER_USDT / price', () => {
    const [intent] = emaAccumulationStrategy(uptrendThen(0.405), ticker('0.4061'), flat, params).intents;
    expect(intent).toMatchObject({ symbol: 'QRL/USDT', side: 'buy', type: 'limit', price: '0.397978' });
    expect(intent!.amount).toBe(Decimal.from(50).div('0.397978', 12, 'down').toString());
    // unrounded: the pre-trade checks cut it to the market's tick and step
    expect(Decimal.from(intent!.price).mul(intent!.amount).lte(50)).toBe(true);
  });

  it('computes the EMAs over the closes of the last candleLimit candles only (the engine fetched limit=120)', () => {
    const recent = uptrendThen(0.405);
    const older = candles(new Array(300).fill(5), T0 - 300 * DAY);
    const withHistory = emaAccumulationStrategy([...older, ...recent], ticker('0.4061'), flat, params);
    expect(withHistory).toEqual(emaAccumulationStrategy(recent, ticker('0.4061'), flat, params));
    expect(withHistory.decision.indicators.emaSlow).toBe(lastEma(recent.map((c) => c[4]), 60));
  });

  it('holds when the close is above EMA60 × 1.02 (not near support)', () => {
    const { intents, decision } = emaAccumulationStrategy(uptrendThen(0.5), ticker('0.5'), flat, params);
    expect(intents).toEqual([]);
    expect(decision.action).toBe('hold');
    expect(decision.reason).toMatch(/^Close 0\.5000 > EMA60×1\.02 = 0\.\d{4} \(not near support\): hold$/);
  });

  it('holds when EMA20 is below EMA60 (no upward momentum), even near support', () => {
    const falling = candles([...new Array(100).fill(0.41), ...new Array(20).fill(0.4)]);
    const { intents, decision } = emaAccumulationStrategy(falling, ticker('0.4'), flat, params);
    expect(intents).toEqual([]);
    expect(decision.reason).toMatch(/^EMA20 0\.\d{4} < EMA60 0\.\d{4} \(no upward momentum\): hold$/);
  });

  it('names both failures when both conditions fail', () => {
    const falling = candles([...Array.from({ length: 119 }, (_, i) => 0.6 - (0.2 * i) / 118), 0.48]);
    expect(emaAccumulationStrategy(falling, ticker('0.48'), flat, params).decision.reason).toMatch(/not near support\) and EMA20 .* \(no upward momentum\): hold$/);
  });

  it('holds with a reason when there are fewer candles than the slow EMA needs', () => {
    const { intents, decision } = emaAccumulationStrategy(candles(new Array(59).fill(0.4)), ticker('0.4'), flat, params);
    expect(intents).toEqual([]);
    expect(decision).toEqual({ action: 'hold', reason: 'Only 59 daily candles; EMA60 needs at least 60: hold', indicators: { emaFast: null, emaSlow: null, threshold: null, close: null } });
    expect(emaAccumulationStrategy(candles(new Array(60).fill(0.4)), ticker('0.4'), flat, params).decision.action).toBe('buy');
  });

  it('never sells, however large the position or high the price', () => {
    const { intents } = emaAccumulationStrategy(uptrendThen(5), ticker('5'), { amount: '1000000' }, params);
    expect(intents.filter((intent) => intent.side === 'sell')).toEqual([]);
  });

  it('refuses candles out of time order', () => {
    const shuffled = uptrendThen(0.405);
    [shuffled[10], shuffled[11]] = [shuffled[11]!, shuffled[10]!];
    expect(emaAccumulationStrategy(shuffled, ticker('0.4'), flat, params).decision.reason).toMatch(/not in time order/);
  });

  it('follows its parameters (threshold, periods, offset, order size)', () => {
    const custom = { ...params, baseOrderUsdt: 20, priceOffset: 0.5, emaFast: 5, emaSlow: 10, candleLimit: 30, buyThreshold: 1.5 };
    const { intents, decision } = emaAccumulationStrategy(uptrendThen(0.55), ticker('0.6'), flat, custom);
    expect(decision.reason).toMatch(/EMA10×1\.5 = .* and EMA5 .* ≥ EMA10 .*: buy$/);
    expect(intents[0]).toMatchObject({ price: '0.3', amount: Decimal.from(20).div('0.3', 12, 'down').toString() });
  });
});
