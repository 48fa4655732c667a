const pad = (value: number) => String(value).padStart(2, '0');

/** Axis labels: dates for daily candles, clock times for shorter ones (viewer's local time). */
export function formatAxisTime(epochMs: number, daily: boolean): string {
  const date = new Date(epochMs);
  return daily ? `${pad(date.getMonth() + 1)}-${pad(date.getDate())}` : `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** "2026-11-25": the day of a daily candle or a backtest point. */
export function formatDate(epochMs: number): string {
  const date = new Date(epochMs);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
