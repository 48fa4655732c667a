import { describe, expect, it } from 'vitest';
import { formatAge, formatDuration, formatRelative } from './formatAge';
import { freshnessOf } from './freshness';

const now = 1_000_000;

describe('staleness labelling', () => {
  it('calls data live only when the engine says fresh and the page is connected', () => {
    expect(freshnessOf({ fetchedAt: now - 3000, stale: false, connected: true, now }, formatAge).kind).toBe('live');
  });

  it('badges stale data with its age', () => {
    const freshness = freshnessOf({ fetchedAt: now - 240_000, stale: true, connected: true, now }, formatAge);
    expect(freshness.kind).toBe('stale');
    expect(freshness.label).toBe('Stale · 4 min old');
  });

  it('says how old stale data is even when it went stale a moment ago, never "just now" (issue 17)', () => {
    for (const age of [0, 400, 1500]) {
      const freshness = freshnessOf({ fetchedAt: now - age, stale: true, connected: true, now }, formatAge);
      expect(freshness.label).toBe(age < 1500 ? 'Stale · 1 s old' : 'Stale · 2 s old');
      expect(`${freshness.label} ${freshness.description}`).not.toContain('just now');
    }
    const offline = freshnessOf({ fetchedAt: now - 500, stale: false, connected: false, now }, formatAge);
    expect(offline.description).toContain('data is 1 s old');
  });

  it('gives a price saved by the last run its real age in minutes', () => {
    expect(freshnessOf({ fetchedAt: now - 3 * 60_000 - 20_000, stale: true, connected: true, now }, formatAge).label).toBe('Stale · 3 min old');
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

  it('states a duration without "just now"', () => {
    expect(formatDuration(0)).toBe('1 s');
    expect(formatDuration(12_000)).toBe('12 s');
    expect(formatDuration(4 * 60_000)).toBe('4 min');
  });
});
