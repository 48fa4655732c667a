/**
 * Calendar days in the user's local time, with the zone passed in so a test
 * (or a server in another zone) gets the same answer on any machine.
 */

/** minutes east of UTC at that instant (Taipei: +480) */
export type UtcOffset = (epochMs: number) => number;

export const systemUtcOffset: UtcOffset = (epochMs) => -new Date(epochMs).getTimezoneOffset();

export const fixedUtcOffset =
  (minutes: number): UtcOffset =>
  () =>
    minutes;

const DAY_MS = 86_400_000;

/** ms epoch of local midnight starting the day that holds `epochMs` */
export function startOfLocalDay(epochMs: number, utcOffset: UtcOffset = systemUtcOffset): number {
  const offsetMs = utcOffset(epochMs) * 60_000;
  const local = epochMs + offsetMs;
  const localMidnight = local - (((local % DAY_MS) + DAY_MS) % DAY_MS);
  // The offset at midnight itself, not now: on a DST day the two differ by an hour.
  return localMidnight - utcOffset(localMidnight - offsetMs) * 60_000;
}

/** the local calendar date as YYYYMMDD: 2026-11-25 09:00 in Taipei → "20261125" */
export function localDateStamp(epochMs: number, utcOffset: UtcOffset = systemUtcOffset): string {
  const local = new Date(epochMs + utcOffset(epochMs) * 60_000);
  const y = local.getUTCFullYear().toString().padStart(4, '0');
  const m = (local.getUTCMonth() + 1).toString().padStart(2, '0');
  const d = local.getUTCDate().toString().padStart(2, '0');
  return `${y}${m}${d}`;
}
