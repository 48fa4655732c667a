import { describe, expect, it } from 'vitest';
import { formatAge, formatRelative } from './formatAge';
import { freshnessOf } from './freshness';

const now = 1_000_000;

describe('staleness labelling', () => {
  it('calls data live only when the engine says fresh and the page is connected', () => {
    expect(freshnessOf({ fetchedAt: now - 3000, stale: false, connected: true, now }, formatAge).kind).toBe('live');
  });

  it('badges stale data with its age', () => {
    const freshness = freshnessOf({ fetchedAt: now - 240_000, stale: true, connected: true, now }, formatAge);
    expect(freshness.kind).toBe('stale');
    expect(freshness.label).toBe('Stale · 4 min');
  });

  it('never shows data as live while disconnected, even if it was fresh', () => {
    const freshness = freshnessOf({ fetchedAt: now - 1000, stale: false, connected: false, now }, formatAge);
    expect(freshness.kind).toBe('offline');
    expect(freshness.description).toContain('not updating');
  });

  it('has nothing to badge before any data', () => {
    expect(freshnessOf({ fetchedAt: null, stale: false, connected: true, now }, formatAge).kind).toBe('missing');
  });
});

describe('formatAge', () => {
  it('reads like a person would say it', () => {
    expect(formatAge(500)).toBe('just now');
    expect(formatAge(12_000)).toBe('12 s');
    expect(formatAge(4 * 60_000)).toBe('4 min');
    expect(formatAge(3 * 3_600_000)).toBe('3 h');
    expect(formatAge(3 * 86_400_000)).toBe('3 d');
    expect(formatRelative(now + 7 * 3_600_000, now)).toBe('in 7 h');
    expect(formatRelative(now - 60_000, now)).toBe('1 min ago');
  });
});
