import { describe, expect, it } from 'vitest';
import { defaultRiskLimits, defaultStrategyParams } from '../../../shared/tradingSettings';
import { qrlTestMarket } from '../../../test/support/qrlTestMarket';
import { runBacktest } from '../trading/backtest';
import type { OHLCV } from '../trading/emaAccumulationStrategy';
import { backtestInWorker } from './backtestInWorker';

const DAY = 86_400_000;
const candles: OHLCV[] = Array.from({ length: 700 }, (_, i) => {
  const price = Number((0.4 + 0.06 * Math.sin(i / 11) + 0.0001 * i).toFixed(4));
  return [i * DAY, price, Number((price * 1.02).toFixed(4)), Number((price * 0.96).toFixed(4)), price, 100];
});
const input = { candles, params: defaultStrategyParams(), risk: { ...defaultRiskLimits(), maxPositionUsdt: 5000 }, market: qrlTestMarket(), initialUsdt: '10000', startAt: candles[120]![0], runId: 'bt-test' };

describe('backtestInWorker', () => {
  it('gives the report runBacktest gives, with progress about once per percent, ending at the total', async () => {
    const progress: [number, number][] = [];
    const report = await backtestInWorker(input, (done, total) => progress.push([done, total]));
    expect(report).toEqual(runBacktest(input));
    expect(report.trades.length).toBeGreaterThan(3);
    const days = 700 - 120;
    expect(progress.at(-1)).toEqual([days, days]);
    expect(progress.length).toBeGreaterThan(50);
    expect(progress.length).toBeLessThanOrEqual(101);
    expect(progress.every(([done], i) => i === 0 || done > progress[i - 1]![0])).toBe(true);
  }, 60_000);

  it('turns a refused input into a typed INTERNAL error', async () => {
    await expect(backtestInWorker({ ...input, initialUsdt: '0' }, () => undefined)).rejects.toMatchObject({ name: 'ContractFailure', code: 'INTERNAL', message: 'The backtest worker failed: initialUsdt must be above 0' });
  }, 60_000);
});
