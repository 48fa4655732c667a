import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../shared/decimal';
import { defaultRiskLimits, defaultStrategyParams } from '../../../shared/tradingSettings';
import { runBacktest, type BacktestInput } from './backtest';
import type { OHLCV } from './emaAccumulationStrategy';
import { qrlTestMarket } from '../../../test/support/qrlTestMarket';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const candle = (i: number, open: number, high: number, low: number, close: number): OHLCV => [T0 + i * DAY, open, high, low, close, 1000];
const input = (candles: OHLCV[], overrides: Partial<BacktestInput> = {}): BacktestInput => ({
  candles,
  params: defaultStrategyParams(),
  risk: defaultRiskLimits(),
  market: qrlTestMarket(), // maker fee 0.1 %
  initialUsdt: '1000',
  ...overrides,
});
/** a deterministic zigzag with drift, at 4 decimals, with wicks (no Math.sin: identical on every machine) */
function zigzag(days: number): OHLCV[] {
  const out: OHLCV[] = [];
  let previous = Decimal.from('0.40');
  for (let i = 0; i < days; i++) {
    const phase = i % 40;
    const swing = Decimal.from(phase < 20 ? phase : 40 - phase).mul('0.004');
    const close = Decimal.from('0.33').add(swing).add(Decimal.from(i).mul('0.0002'));
    const high = Decimal.max(previous, close).mul('1.015').round(4, 'half-up');
    const low = Decimal.min(previous, close).mul('0.97').round(4, 'half-up');
    out.push(candle(i, previous.toNumber(), high.toNumber(), low.toNumber(), close.toNumber()));
    previous = close;
  }
  return out;
}

describe('runBacktest', () => {
  it('holds while the EMAs warm up, then buys at the open and fills when a later low goes below the limit', () => {
    const candles = [...Array.from({ length: 60 }, (_, i) => candle(i, 0.4, 0.4, 0.4, 0.4)), candle(60, 0.4, 0.4, 0.39, 0.39)];
    const report = runBacktest(input(candles));
    expect(report.decisions[0]).toEqual({ time: T0, action: 'hold', reason: 'Only 1 daily candle; EMA60 needs at least 60: hold' });
    expect(report.decisions[59]!.action).toBe('buy');
    expect(report.decisions[59]!.reason).toMatch(/: buy: limit 127\.55 @ 0\.392$/);
    // day 59's low (0.40) stays above 0.392; day 60's (0.39) goes below it: both orders fill there, as maker
    const trade = { time: T0 + 60 * DAY, side: 'buy', price: '0.392', amount: '127.55', cost: '49.9996', fee: '0.12755', feeCurrency: 'QRL', reason: expect.stringMatching(/: buy$/) };
    expect(report.trades).toEqual([trade, trade]);
    expect(report.equity[59]).toEqual({ time: T0 + 59 * DAY, equityUsdt: '1000' });
    // 1000 − 2 × 49.9996 + 2 × (127.55 − 0.12755) × 0.39
    expect(report.finalEquityUsdt).toBe('999.390311');
    expect(report.pnlUsdt).toBe('-0.609689');
    expect(report.maxDrawdownPercent).toBe('0.06');
    expect(report).toMatchObject({ from: T0, to: T0 + 60 * DAY, finalBase: '254.8449', finalUsdt: '900.0008', openOrders: 0 });
  });

  it('never lets filled buys plus open buys go past MAX_POSITION_USDT', () => {
    const candles = Array.from({ length: 80 }, (_, i) => candle(i, 0.4, 0.4, 0.39, 0.4));
    const report = runBacktest(input(candles));
    expect(report.trades).toHaveLength(10); // 10 × 49.9996 ≤ 500 < 11 × 49.9996
    const refused = report.decisions.filter((d) => d.action === 'rejected');
    expect(refused).toHaveLength(80 - 59 - 10);
    expect(refused[0]!.reason).toMatch(/would exceed the maximum position of 500\.00 USDT/);
  });

  it('gives identical results when run twice (exact decimals, no clock, no randomness)', () => {
    const candles = zigzag(400);
    const first = runBacktest(input(candles, { risk: { ...defaultRiskLimits(), maxPositionUsdt: 5000 } }));
    const second = runBacktest(input(candles, { risk: { ...defaultRiskLimits(), maxPositionUsdt: 5000 } }));
    expect(second).toEqual(first);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(first.trades.length).toBeGreaterThan(3);
    expect(first.runId).toBe(`bt-${T0}-${T0 + 399 * DAY}`);
  });

  it('never looks ahead: what it decides on a day does not depend on later candles', () => {
    const candles = zigzag(300);
    const full = runBacktest(input(candles));
    const cut = runBacktest(input(candles.slice(0, 200)));
    expect(full.decisions.slice(0, 200)).toEqual(cut.decisions);
    expect(full.equity.slice(0, 200)).toEqual(cut.equity);
  });

  it('reports the largest peak-to-trough fall of equity', () => {
    const report = runBacktest(input(zigzag(300)));
    let peak = Decimal.from('1000');
    let worst = Decimal.ZERO;
    for (const { equityUsdt } of report.equity) {
      peak = Decimal.max(peak, equityUsdt);
      worst = Decimal.max(worst, peak.sub(equityUsdt).mul(100).div(peak, 8));
    }
    expect(report.maxDrawdownPercent).toBe(worst.toFixed(2));
    expect(Decimal.from(report.maxDrawdownPercent).isPositive()).toBe(true);
  });

  it('trades only from startAt, using earlier candles to warm the EMAs up', () => {
    const candles = zigzag(200);
    const report = runBacktest(input(candles, { startAt: T0 + 100 * DAY, runId: 'fixed' }));
    expect(report).toMatchObject({ runId: 'fixed', from: T0 + 100 * DAY, to: T0 + 199 * DAY });
    expect(report.equity).toHaveLength(100);
    expect(report.decisions[0]!.reason).not.toMatch(/^Only/);
  });

  it('reports progress day by day and refuses candles out of order', () => {
    const seen: number[] = [];
    runBacktest(input(zigzag(5), { onProgress: (done, total) => seen.push(done * 10 + total) }));
    expect(seen).toEqual([15, 25, 35, 45, 55]);
    const candles = zigzag(5);
    [candles[1], candles[2]] = [candles[2]!, candles[1]!];
    expect(() => runBacktest(input(candles))).toThrow(/time order/);
  });
});
