import { describe, expect, it } from 'vitest';
import { decimalPrecision, toChartCandles, toChartLine } from './chartData';

const candle = (time: number, close: string) => ({ time, open: '1', high: '2', low: '0.5', close, volume: '1' });

describe('chart data', () => {
  it('shows as many price digits as the data carries', () => {
    expect(decimalPrecision(['0.2143', '0.21', '1'])).toBe(4);
    expect(decimalPrecision(['12'])).toBe(0);
    expect(decimalPrecision([], 4)).toBe(4);
    expect(decimalPrecision(['0.1234567891'])).toBe(8);
  });

  it('hands the library ascending, unique times in seconds', () => {
    const out = toChartCandles([candle(2000, '1.5'), candle(1000, '1.2'), candle(2000, '1.6')]);
    expect(out.map((point) => point.time)).toEqual([1, 2]);
    expect(out[0]?.close).toBe(1.2);
  });

  it('orders line points the same way', () => {
    expect(toChartLine([{ time: 5000, value: '2' }, { time: 1000, value: '1' }])).toEqual([
      { time: 1, value: 1 },
      { time: 5, value: 2 },
    ]);
  });
});
