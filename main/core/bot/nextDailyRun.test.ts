import { describe, expect, it } from 'vitest';
import { fixedUtcOffset } from '../trading/localDay';
import { nextDailyRun } from './nextDailyRun';

const local = (y: number, m: number, d: number, h: number, min: number) => new Date(y, m - 1, d, h, min).getTime();

describe('nextDailyRun', () => {
  it('runs later today when the time has not come yet', () => {
    expect(nextDailyRun(local(2026, 11, 25, 8, 59), '09:00')).toBe(local(2026, 11, 25, 9, 0));
  });

  it('runs tomorrow when the time is now or past', () => {
    expect(nextDailyRun(local(2026, 11, 25, 9, 0), '09:00')).toBe(local(2026, 11, 26, 9, 0));
    expect(nextDailyRun(local(2026, 12, 31, 23, 0), '09:00')).toBe(local(2027, 1, 1, 9, 0));
  });

  it.each(['9:00', '24:00', '09:60', 'nine', ''])('refuses a malformed time %j', (bad) => {
    expect(() => nextDailyRun(0, bad)).toThrow('HH:MM');
  });
});

describe('nextDailyRun in a given time zone', () => {
  it("runs at the user's 09:00 in Taipei (UTC+8), whatever zone the machine is in", () => {
    const taipei = fixedUtcOffset(480);
    expect(nextDailyRun(Date.UTC(2026, 10, 24, 23, 0), '09:00', taipei)).toBe(Date.UTC(2026, 10, 25, 1, 0));
    expect(nextDailyRun(Date.UTC(2026, 10, 25, 1, 0), '09:00', taipei)).toBe(Date.UTC(2026, 10, 26, 1, 0));
  });
});
