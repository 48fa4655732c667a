/**
 * The next moment, strictly after `now`, when the local wall clock reads
 * `hhmm` ("09:00"): the original bot's daily cron, on this computer's time.
 * Built from calendar fields, so a DST change moves the run with the clock.
 */
export function nextDailyRun(now: number, hhmm: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!match) throw new Error(`Daily run time must be HH:MM (24 h), got "${hhmm}".`);
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  const today = new Date(now);
  const candidate = new Date(today.getFullYear(), today.getMonth(), today.getDate(), hours, minutes, 0, 0);
  if (candidate.getTime() > now) return candidate.getTime();
  return new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1, hours, minutes, 0, 0).getTime();
}
