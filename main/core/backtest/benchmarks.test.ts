import { describe, expect, it } from 'vitest';
import type { OHLCV } from '../trading/emaAccumulationStrategy';
import { qrlTestMarket } from '../../../test/support/qrlTestMarket';
import { buyAndHold } from './buyAndHold';
import { dailyDca } from './dailyDca';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const day = (i: number, open: number, close: number): OHLCV => [T0 + i * DAY, open, Math.max(open, close), Math.min(open, close), close, 1000];
const market = qrlTestMarket(); // taker 0.2 %, step 0.01, min cost 1 USDT

describe('buy-and-hold', () => {
  it('spends the whole capital at the first open as taker, cut to the step, and holds it marked at each close', () => {
    const curve = buyAndHold({ days: [day(0, 0.3, 0.25), day(1, 0.25, 0.36)], market, initialUsdt: '1000' });
    // 1000 / 0.3 = 3333.33 QRL (step 0.01) for 999.999 USDT; fee 0.2 % = 6.66666 QRL
    expect(curve.spentUsdt).toBe('999.999');
    expect(curve.baseAccumulated).toBe('3326.66334');
    // 0.001 USDT left + 3326.66334 × 0.25, then × 0.36
    expect(curve.equity.map((point) => point.equityUsdt)).toEqual(['831.666835', '1197.5998024']);
    expect(curve.pnlUsdt).toBe('197.5998024');
    expect(curve.maxDrawdownPercent).toBe('16.83');
    expect(curve.averageCostUsdt).toBe('0.3006012');
    expect(curve.buys).toBe(1);
  });
});

describe('daily DCA', () => {
  it('buys the order size at every open as taker until the capital no longer covers it', () => {
    const days = [day(0, 0.5, 0.5), day(1, 0.25, 0.25), day(2, 0.5, 0.5), day(3, 0.5, 0.5)];
    const curve = dailyDca({ days, market, initialUsdt: '100', orderUsdt: 40 });
    // 80 QRL for 40, 160 QRL for 40, then 20 USDT left: 40 more is not covered
    expect(curve.buys).toBe(2);
    expect(curve.spentUsdt).toBe('80');
    expect(curve.baseAccumulated).toBe('239.52'); // 240 − 0.2 %
    expect(curve.averageCostUsdt).toBe('0.33400134');
    expect(curve.equity.at(-1)).toEqual({ time: T0 + 3 * DAY, equityUsdt: '139.76' });
    expect(curve.pnlUsdt).toBe('39.76');
  });

  it('buys nothing below the market minimum, and then its average cost is null', () => {
    const curve = dailyDca({ days: [day(0, 0.5, 0.5)], market, initialUsdt: '100', orderUsdt: '0.5' });
    expect(curve).toMatchObject({ buys: 0, baseAccumulated: '0', averageCostUsdt: null, pnlUsdt: '0', maxDrawdownPercent: '0.00' });
  });
});
