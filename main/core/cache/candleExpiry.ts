/** The shortest a series is ever cached: just after a close, MEXC may not have opened the next candle yet. */
export const CANDLE_EXPIRY_FLOOR_MS = 2_000;

/**
 * When a cached candle series must be refetched: at the close of its newest
 * candle (then a new candle exists and the forming one has its final values),
 * and sooner while that candle is still forming (every 1/96 of its timeframe:
 * 15 min for 1d), never later than the TTL and never sooner than a small floor.
 * The original bot kept a daily series for a whole day, freezing the forming
 * candle (its defect 5); this cannot.
 *
 * A series whose newest candle closed more than a whole timeframe ago is
 * history (a bounded `since` query): it cannot change, so it keeps the TTL.
 */
export function candleSeriesExpiry(
  now: number,
  newestOpenTime: number | undefined,
  timeframeMs: number,
  ttlMs: number,
  formingRefreshMs = formingCandleRefreshMs(timeframeMs),
  floorMs = CANDLE_EXPIRY_FLOOR_MS,
): number {
  const ttlExpiry = now + ttlMs;
  if (newestOpenTime === undefined) return ttlExpiry;
  const newestClose = newestOpenTime + timeframeMs;
  if (newestClose + timeframeMs <= now) return ttlExpiry;
  const wanted = now < newestClose ? Math.min(now + formingRefreshMs, newestClose) : now;
  return Math.min(ttlExpiry, Math.max(now + floorMs, wanted));
}

/** How long a forming candle may be served from cache: 1/96 of its timeframe (15 min for 1d), at least a minute. */
export function formingCandleRefreshMs(timeframeMs: number): number {
  return Math.max(60_000, Math.floor(timeframeMs / 96));
}
