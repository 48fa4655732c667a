/** "just now", "12 s", "4 min", "3 h", "2 d": how old a piece of data is. */
export function formatAge(ageMs: number): string {
  if (!Number.isFinite(ageMs)) return '—';
  return Math.round(ageMs / 1000) < 2 ? 'just now' : formatDuration(ageMs);
}

/**
 * "1 s", "12 s", "4 min", "3 h", "2 d": never "just now", for data that is
 * not live (issue 17: "Stale · just now" contradicts itself). Under a second
 * counts as 1 s: old data is never called fresher than it is.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

/** "in 4 min" / "4 min ago" relative to now. */
export function formatRelative(epochMs: number, now: number): string {
  const delta = epochMs - now;
  if (Math.abs(delta) < 2000) return 'now';
  return delta > 0 ? `in ${formatAge(delta)}` : `${formatAge(-delta)} ago`;
}
