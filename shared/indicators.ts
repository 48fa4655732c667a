/**
 * Indicators over float series, the one module both the strategy (main/core/trading)
 * and the chart (renderer) compute them with, so the two can never disagree.
 * They mirror pandas and the `ta` library (bukosabino/ta) to the last bit rather
 * than being "exact": an EMA is a float in pandas too. A value that pandas
 * leaves as NaN (fewer observations than `min_periods`) is NaN here.
 *
 * The original bot (7Spade/qrl) computed its strategy EMAs with `ta`
 * (ta.trend.EMAIndicator). Its dashboard drew RSI from a simple rolling mean of
 * gains and losses (Cutler's variant); this product draws Wilder's RSI as `ta`
 * computes it (issue 17), the RSI every charting site shows.
 */

/**
 * pandas' `Series.ewm(alpha=…, min_periods=…, adjust=False).mean()` for a series
 * whose only gaps are at the start (as MACD's line has):
 * pandas/_libs/window/aggregations.pyx `ewm`, adjust=False, ignore_na=False:
 *   alpha is first turned into a centre of mass and back (com = (1 − α)/α; α = 1/(1 + com)),
 *   y starts at the first real value (not an SMA seed),
 *   y[i] = ((1−α)·y[i−1] + α·x[i]) / ((1−α) + α), skipped when y[i−1] == x[i]
 *   ("avoid numerical errors on constant series"),
 *   and a value is NaN until `minPeriods` real values have been seen.
 * The same float operations in the same order, so the result matches pandas bit for bit.
 */
function ewmMean(values: readonly number[], com: number, minPeriods: number): number[] {
  const alpha = 1 / (1 + com);
  const oldWt = 1 - alpha;
  const newWt = alpha;
  const out: number[] = new Array(values.length);
  let weighted = Number.NaN;
  let observations = 0;
  for (let i = 0; i < values.length; i++) {
    const current = values[i]!;
    const isObservation = !Number.isNaN(current);
    if (isObservation) observations += 1;
    if (Number.isNaN(weighted)) weighted = current;
    else if (isObservation && weighted !== current) weighted = (oldWt * weighted + newWt * current) / (oldWt + newWt);
    out[i] = observations >= minPeriods ? weighted : Number.NaN;
  }
  return out;
}

/**
 * Exponential moving average, as the original computes it.
 *
 * 7Spade/qrl src/strategies/ema_strategy.py (commit 2b97023, lines 65-71) calls
 * `ta.trend.EMAIndicator(df["close"], window).ema_indicator()`, which is
 * `ta/utils.py _ema`: `series.ewm(span=window, min_periods=window, adjust=False).mean()`;
 * pandas turns the span into com = (span − 1) / 2 (see ewmMean).
 * Values before index span−1 are NaN (min_periods = span).
 */
export function ema(values: readonly number[], span: number): number[] {
  if (!Number.isInteger(span) || span < 1) throw new RangeError(`EMA span must be a whole number ≥ 1, got ${span}`);
  return ewmMean(values, (span - 1) / 2, span);
}

/** the EMA at the newest value, or null with fewer than `span` values (pandas' NaN) */
export function lastEma(values: readonly number[], span: number): number | null {
  if (values.length < span) return null;
  const series = ema(values, span);
  return series[series.length - 1]!;
}

/** Simple moving average: `series.rolling(window).mean()` (min_periods = window), as the original dashboard's MA20/MA60. */
export function sma(values: readonly number[], window: number): number[] {
  checkWindow('SMA', window);
  return values.map((_, i) => {
    if (i + 1 < window) return Number.NaN;
    let sum = 0;
    for (let j = i + 1 - window; j <= i; j++) sum += values[j]!;
    return sum / window;
  });
}

/**
 * Wilder's RSI as `ta.momentum.RSIIndicator(close, window).rsi()` computes it
 * (ta/momentum.py): the close-to-close changes split into gains and losses
 * (the first change, which pandas' diff leaves NaN, counts as 0 in both:
 * `diff.where(diff > 0, 0.0)`), each smoothed by
 * `ewm(alpha=1/window, min_periods=window, adjust=False)`, and
 * RSI = 100 − 100 / (1 + gain/loss), or 100 where the smoothed loss is 0.
 * Its first value is at index window − 1.
 */
export function rsi(closes: readonly number[], window = 14): number[] {
  checkWindow('RSI', window);
  const gains = closes.map((close, i) => (i === 0 ? 0 : Math.max(close - closes[i - 1]!, 0)));
  const losses = closes.map((close, i) => (i === 0 ? 0 : Math.max(closes[i - 1]! - close, 0)));
  const alpha = 1 / window;
  const com = (1 - alpha) / alpha; // pandas' get_center_of_mass for an alpha
  const up = ewmMean(gains, com, window);
  const down = ewmMean(losses, com, window);
  return up.map((gain, i) => {
    const loss = down[i]!;
    if (Number.isNaN(loss)) return Number.NaN;
    return loss === 0 ? 100 : 100 - 100 / (1 + gain / loss);
  });
}

export interface Macd {
  /** EMA(fast) − EMA(slow) */
  macd: number[];
  /** EMA(signal) of the MACD line, from its first value on */
  signal: number[];
  /** macd − signal */
  histogram: number[];
}

/**
 * MACD as `ta.trend.MACD(close, 26, 12, 9)`: the fast and slow EMAs (each with
 * min_periods = its window, as `ema` above), their difference, and the signal
 * line, an EMA of that difference that starts at its first value. The line's
 * first value is at index slow − 1, the signal's at slow + signal − 2.
 */
export function macd(closes: readonly number[], fast = 12, slow = 26, signal = 9): Macd {
  const fastEma = ema(closes, fast);
  const slowEma = ema(closes, slow);
  const line = fastEma.map((value, i) => value - slowEma[i]!);
  const signalLine = ema(line, signal);
  return { macd: line, signal: signalLine, histogram: line.map((value, i) => value - signalLine[i]!) };
}

/**
 * Williams %R as `ta.momentum.WilliamsRIndicator(high, low, close, 14).williams_r()`:
 * −100 × (highest high − close) / (highest high − lowest low) over the last
 * `window` candles, from −100 (close at the low) to 0 (close at the high).
 * NaN where the window's high equals its low (pandas' 0/0).
 */
export function williamsR(highs: readonly number[], lows: readonly number[], closes: readonly number[], window = 14): number[] {
  checkWindow('Williams %R', window);
  if (highs.length !== closes.length || lows.length !== closes.length) throw new RangeError('Williams %R needs as many highs and lows as closes');
  return closes.map((close, i) => {
    if (i + 1 < window) return Number.NaN;
    const highest = Math.max(...highs.slice(i + 1 - window, i + 1));
    const lowest = Math.min(...lows.slice(i + 1 - window, i + 1));
    return highest === lowest ? Number.NaN : (-100 * (highest - close)) / (highest - lowest);
  });
}

function checkWindow(name: string, window: number): void {
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`${name} window must be a whole number ≥ 1, got ${window}`);
}
