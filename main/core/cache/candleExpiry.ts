/**
 * When a cached candle series must be refetched: at the close of its newest
 * candle (then a new candle exists and the forming one has its final values),
 * and never later than the TTL. The original bot kept a daily series for a
 * whole day, freezing the forming candle (its defect 5); this cannot.
 */
export function candleSeriesExpiry(now: number, newestOpenTime: number | undefined, timeframeMs: number, ttlMs: number, formingRefreshMs = formingCandleRefreshMs(timeframeMs)): number {
  const ttlExpiry = now + ttlMs;
  if (newestOpenTime === undefined) return ttlExpiry;
  const newestClose = newestOpenTime + timeframeMs;
  // The newest candle is still forming: refresh it on the short cadence, and at its close at the latest.
  const formingExpiry = Math.min(now + formingRefreshMs, newestClose);
  return Math.max(now + 1, Math.min(ttlExpiry, formingExpiry));
}

/** How long a forming candle may be served from cache: 1/96 of its timeframe (15 min for 1d), at least a minute. */
export function formingCandleRefreshMs(timeframeMs: number): number {
  return Math.max(60_000, Math.floor(timeframeMs / 96));
}
