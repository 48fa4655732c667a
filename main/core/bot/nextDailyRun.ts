import { systemUtcOffset, type UtcOffset } from '../trading/localDay';

const HOUR_MS = 3_600_000;

/**
 * The next moment, strictly after `now`, when the local wall clock reads
 * `hhmm` ("09:00"): the original bot's daily cron, on the user's time
 * (this computer's zone unless one is given). The offset is read at the
 * candidate moment itself, so a DST change moves the run with the clock.
 */
export function nextDailyRun(now: number, hhmm: string, utcOffset: UtcOffset = systemUtcOffset): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!match) throw new Error(`Daily run time must be HH:MM (24 h), got "${hhmm}".`);
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  const today = new Date(now + utcOffset(now) * 60_000);
  for (let days = 0; days <= 2; days++) {
    const wallClock = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + days, hours, minutes);
    // The offset at the candidate (guessed with the offset a few hours before it, which settles across a DST change).
    const candidate = wallClock - utcOffset(wallClock - utcOffset(wallClock - 12 * HOUR_MS) * 60_000) * 60_000;
    if (candidate > now) return candidate;
  }
  throw new Error('unreachable: a daily time always comes within two days');
}
