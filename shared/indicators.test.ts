import { describe, expect, it } from 'vitest';
import { ema, lastEma, macd, rsi, sma, williamsR } from './indicators';

describe('ema (pandas ewm(span, min_periods=span, adjust=False).mean(), as ta.EMAIndicator computes it)', () => {
  it('gives NaN until `span` values, like min_periods=span', () => {
    expect(ema([1, 2, 3, 4], 3)).toEqual([Number.NaN, Number.NaN, 2.25, 3.125]);
  });

  it('seeds from the first value, not from an SMA (adjust=False)', () => {
    // alpha = 1/(1 + (3−1)/2) = 0.5: 10 → 5 → 2.5. An SMA seed would give 10/3 at index 2.
    expect(ema([10, 0, 0], 3)[2]).toBe(2.5);
    // adjust=True would weight 1, 0.5, 0.25 and give 10·0.25/1.75 ≈ 1.43: not what the original used.
    expect(ema([10, 0, 0], 3)[2]).not.toBeCloseTo(10 * 0.25 / 1.75, 3);
  });

  it('follows y = ((1−α)·y + α·x) / ((1−α) + α) with α = 1/(1 + (span−1)/2)', () => {
    const closes = [0.41, 0.4123, 0.39, 0.405, 0.42, 0.433, 0.401];
    const alpha = 1 / (1 + (5 - 1) / 2);
    let y = closes[0]!;
    for (const x of closes.slice(1)) y = y === x ? y : ((1 - alpha) * y + alpha * x) / (1 - alpha + alpha);
    expect(lastEma(closes, 5)).toBe(y);
    expect(lastEma(closes, 5)).toBeCloseTo(2 / 6 * 0.401 + 4 / 6 * ema(closes, 5)[5]!, 15);
  });

  it('keeps a constant series exactly constant (pandas skips the update when y == x)', () => {
    expect(lastEma(new Array(120).fill(0.1), 60)).toBe(0.1);
  });

  it('has no value with fewer closes than the span', () => {
    expect(lastEma([1, 2, 3], 4)).toBeNull();
    expect(lastEma([1, 2, 3, 4], 4)).not.toBeNull();
    expect(() => ema([1], 0)).toThrow(RangeError);
  });
});

/** StockCharts' RSI worksheet ("RSI", ChartSchool): 33 closes and Wilder's RSI(14) from the 15th close on, to two places. */
const STOCKCHARTS_CLOSES = [
  44.3389, 44.0902, 44.1497, 43.6124, 44.3278, 44.8264, 45.0955, 45.4245, 45.8433, 46.0826, 45.8931, 46.0328, 45.614, 46.282, 46.282, 46.0028, 46.0328, 46.4116, 46.2222,
  45.6439, 46.2122, 46.2521, 45.7137, 46.4515, 45.7835, 45.3548, 44.0288, 44.1783, 44.2181, 44.5672, 43.4205, 42.6628, 43.1314,
];
const STOCKCHARTS_RSI = [70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06, 62.38, 54.71, 50.42, 39.99, 41.46, 41.87, 45.46, 37.3];

/** Wilder's textbook RSI (New Concepts in Technical Trading Systems, 1978): the first averages are plain means of 14 changes. */
function textbookWilderRsi(closes: readonly number[], n: number): number[] {
  const changes = closes.slice(1).map((close, i) => close - closes[i]!);
  let gain = changes.slice(0, n).reduce((sum, c) => sum + Math.max(c, 0), 0) / n;
  let loss = changes.slice(0, n).reduce((sum, c) => sum + Math.max(-c, 0), 0) / n;
  const out = [100 - 100 / (1 + gain / loss)];
  for (const change of changes.slice(n)) {
    gain = (gain * (n - 1) + Math.max(change, 0)) / n;
    loss = (loss * (n - 1) + Math.max(-change, 0)) / n;
    out.push(100 - 100 / (1 + gain / loss));
  }
  return out;
}

/** A fixed, bumpy series: a deterministic walk (no randomness between runs). */
const walk = (length: number) => Array.from({ length }, (_, i) => 0.4 + 0.05 * Math.sin(i / 7) + 0.02 * Math.cos(i * 1.3) + 0.0001 * i);

describe('sma (pandas rolling(window).mean())', () => {
  it('averages the last `window` values and has none before', () => {
    expect(sma([1, 2, 3, 4, 5], 3)).toEqual([Number.NaN, Number.NaN, 2, 3, 4]);
    expect(sma([0.2, 0.4], 1)).toEqual([0.2, 0.4]);
    expect(() => sma([1], 0)).toThrow(RangeError);
  });
});

describe("rsi (Wilder's, as ta.momentum.RSIIndicator computes it)", () => {
  it('the textbook reference reproduces the published StockCharts worksheet', () => {
    const reference = textbookWilderRsi(STOCKCHARTS_CLOSES, 14);
    STOCKCHARTS_RSI.forEach((published, i) => expect(reference[i]).toBeCloseTo(published, 2));
  });

  it("uses Wilder's smoothing: once the seed has faded it equals the textbook RSI", () => {
    const closes = walk(400);
    const ours = rsi(closes, 14);
    const reference = textbookWilderRsi(closes, 14); // reference[k] belongs to closes[k + 14]
    for (let i = 350; i < 400; i++) expect(ours[i]).toBeCloseTo(reference[i - 14]!, 8);
  });

  it("seeds as ta does: the first change counts as 0, ewm(alpha=1/14, adjust=False), first value at index 13", () => {
    const ours = rsi(STOCKCHARTS_CLOSES, 14);
    expect(ours.slice(0, 13).every(Number.isNaN)).toBe(true);
    // The closed form of an adjust=False ewm: y_k = (1−α)^k·x_0 + Σ_{j≥1} α(1−α)^(k−j)·x_j, with x_0 = 0 (pandas' NaN diff).
    const a = 1 / 14;
    const smoothed = (xs: number[], k: number) => xs.slice(1, k + 1).reduce((sum, x, j) => sum + a * (1 - a) ** (k - (j + 1)) * x, 0);
    const changes = [0, ...STOCKCHARTS_CLOSES.slice(1).map((close, i) => close - STOCKCHARTS_CLOSES[i]!)];
    for (const k of [13, 14, 20, 32]) {
      const gain = smoothed(changes.map((c) => Math.max(c, 0)), k);
      const loss = smoothed(changes.map((c) => Math.max(-c, 0)), k);
      expect(ours[k]).toBeCloseTo(100 - 100 / (1 + gain / loss), 10);
    }
  });

  it('is 100 without losses (ta: np.where(loss == 0, 100, …)) and 0 without gains', () => {
    expect(rsi([1, 2, 3, 4, 5], 3).slice(2)).toEqual([100, 100, 100]);
    expect(rsi([5, 4, 3, 2, 1], 3).slice(2)).toEqual([0, 0, 0]);
  });
});

describe('macd (ta.trend.MACD(close, 26, 12, 9))', () => {
  // The textbook EMA: α = 2/(n+1), seeded with the first value: other float operations than pandas', so compared to 12 places.
  const textbookEma = (xs: number[], n: number) => xs.reduce<number[]>((out, x, i) => [...out, i === 0 ? x : (2 / (n + 1)) * x + (1 - 2 / (n + 1)) * out[i - 1]!], []);

  it('is EMA12 − EMA26, its signal an EMA9 of that line from its first value, and the histogram their difference', () => {
    const closes = walk(120);
    const { macd: line, signal, histogram } = macd(closes);
    expect(line.slice(0, 25).every(Number.isNaN)).toBe(true);
    expect(signal.slice(0, 33).every(Number.isNaN)).toBe(true);
    const fast = textbookEma(closes, 12);
    const slow = textbookEma(closes, 26);
    const expectedLine = closes.map((_, i) => fast[i]! - slow[i]!);
    const expectedSignal = textbookEma(expectedLine.slice(25), 9);
    for (let i = 33; i < 120; i++) {
      expect(line[i]).toBeCloseTo(expectedLine[i]!, 12);
      expect(signal[i]).toBeCloseTo(expectedSignal[i - 25]!, 12);
      expect(histogram[i]).toBeCloseTo(expectedLine[i]! - expectedSignal[i - 25]!, 12);
    }
  });

  it('is flat zero on a constant series', () => {
    const { macd: line, signal } = macd(new Array(60).fill(0.25));
    expect(line[59]).toBe(0);
    expect(signal[59]).toBe(0);
  });
});

describe('williamsR (ta.momentum.WilliamsRIndicator, 14)', () => {
  it('is −100 × (highest high − close) / (highest high − lowest low) over the window', () => {
    const highs = [10, 12, 11, 13, 12];
    const lows = [8, 9, 9, 10, 7];
    const closes = [9, 11, 10, 12, 8];
    // index 2: HH 12, LL 8 → −100·(12−10)/4 = −50; index 3: HH 13, LL 9 → −25; index 4: HH 13, LL 7 → −100·5/6
    expect(williamsR(highs, lows, closes, 3)).toEqual([Number.NaN, Number.NaN, -50, -25, (-100 * 5) / 6]);
  });

  it('runs from −100 at the low to 0 at the high, and has no value when high equals low', () => {
    expect(williamsR([2, 2], [1, 1], [1, 2], 1).map((value) => value + 0)).toEqual([-100, 0]); // + 0: pandas' −0 at the high reads as 0
    expect(williamsR([1, 1], [1, 1], [1, 1], 2)[1]).toBeNaN();
    expect(() => williamsR([1], [1, 2], [1], 1)).toThrow(RangeError);
  });
});
