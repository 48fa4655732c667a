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
});
