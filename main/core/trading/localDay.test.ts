import { describe, expect, it } from 'vitest';
import { fixedUtcOffset, localDateStamp, startOfLocalDay } from './localDay';

const taipei = fixedUtcOffset(480);

describe('local calendar days', () => {
  it('finds local midnight in the given zone', () => {
    const nineAm = Date.parse('2026-11-25T01:00:00Z'); // 09:00 in Taipei
    expect(startOfLocalDay(nineAm, taipei)).toBe(Date.parse('2026-11-24T16:00:00Z'));
    expect(startOfLocalDay(nineAm, fixedUtcOffset(0))).toBe(Date.parse('2026-11-25T00:00:00Z'));
    expect(startOfLocalDay(Date.parse('2026-11-25T03:00:00Z'), fixedUtcOffset(-300))).toBe(Date.parse('2026-11-24T05:00:00Z'));
  });

  it('stamps the local date, not the UTC one', () => {
    expect(localDateStamp(Date.parse('2026-11-24T16:30:00Z'), taipei)).toBe('20261125');
    expect(localDateStamp(Date.parse('2026-11-24T16:30:00Z'), fixedUtcOffset(0))).toBe('20261124');
  });

  it('finds local midnight on the days daylight saving time starts and ends (Berlin)', () => {
    // +60 (CET) outside summer time, +120 (CEST) from 29 Mar 01:00 UTC to 25 Oct 01:00 UTC
    const berlin = (at: number) => (at >= Date.parse('2026-03-29T01:00:00Z') && at < Date.parse('2026-10-25T01:00:00Z') ? 120 : 60);
    expect(startOfLocalDay(Date.parse('2026-03-29T08:00:00Z'), berlin)).toBe(Date.parse('2026-03-28T23:00:00Z'));
    expect(startOfLocalDay(Date.parse('2026-10-25T09:00:00Z'), berlin)).toBe(Date.parse('2026-10-24T22:00:00Z'));
    expect(startOfLocalDay(Date.parse('2026-06-15T09:00:00Z'), berlin)).toBe(Date.parse('2026-06-14T22:00:00Z'));
  });
});
