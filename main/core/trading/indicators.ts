/**
 * Indicators over float closes. They mirror the original bot's numbers to the
 * last bit rather than being "exact": an EMA is a float in pandas too.
 */

/**
 * Exponential moving average, as the original computes it.
 *
 * 7Spade/qrl src/strategies/ema_strategy.py (commit 2b97023, lines 65-71) calls
 * `ta.trend.EMAIndicator(df["close"], window).ema_indicator()`, which is
 * `ta/utils.py _ema`: `series.ewm(span=window, min_periods=window, adjust=False).mean()`.
 * pandas' ewma (pandas/_libs/window/aggregations.pyx `ewm`, adjust=False) then does:
 *   com = (span − 1) / 2; alpha = 1 / (1 + com); old_wt_factor = 1 − alpha; new_wt = alpha
 *   y[0] = x[0]                                   (seeded with the first close, not an SMA)
 *   y[i] = (old_wt·y[i−1] + new_wt·x[i]) / (old_wt + new_wt), old_wt = old_wt_factor
 *          (skipped when y[i−1] == x[i], "avoid numerical errors on constant series")
 *   values before index span−1 are NaN (min_periods = span).
 * The same float operations in the same order, so the result matches pandas bit for bit.
 * Every close is a real number here (no NaN handling needed: closes are never missing).
 */
export function ema(values: readonly number[], span: number): number[] {
  if (!Number.isInteger(span) || span < 1) throw new RangeError(`EMA span must be a whole number ≥ 1, got ${span}`);
  const out: number[] = new Array(values.length);
  if (values.length === 0) return out;
  const com = (span - 1) / 2;
  const alpha = 1 / (1 + com);
  const oldWt = 1 - alpha;
  const newWt = alpha;
  let weighted = values[0]!;
  out[0] = span <= 1 ? weighted : Number.NaN;
  for (let i = 1; i < values.length; i++) {
    const current = values[i]!;
    if (weighted !== current) weighted = (oldWt * weighted + newWt * current) / (oldWt + newWt);
    out[i] = i + 1 >= span ? weighted : Number.NaN;
  }
  return out;
}

/** the EMA at the newest value, or null with fewer than `span` values (pandas' NaN) */
export function lastEma(values: readonly number[], span: number): number | null {
  if (values.length < span) return null;
  const series = ema(values, span);
  return series[series.length - 1]!;
}
