import { describe, expect, it } from 'vitest';
import { AlertCenter } from './AlertCenter';

describe('AlertCenter', () => {
  const make = () => {
    let now = 1_000_000;
    const center = new AlertCenter({ clock: { now: () => now }, quietMs: 60_000, keep: 3 });
    return { center, advance: (ms: number) => (now += ms) };
  };

  it('stamps each alert with a time, an id and its severity', () => {
    const { center } = make();
    const alert = center.raise({ severity: 'warning', kind: 'breaker', message: 'MEXC unreachable' });
    expect(alert).toMatchObject({ time: 1_000_000, severity: 'warning', kind: 'breaker', message: 'MEXC unreachable' });
    expect(alert!.id).toMatch(/^a1000000-\d+$/);
  });

  it('swallows a repeat inside the quiet window and lets it through after', () => {
    const { center, advance } = make();
    const heard: string[] = [];
    center.onAlert((alert) => heard.push(alert.id));
    expect(center.raise({ severity: 'critical', kind: 'error', message: 'x' })).not.toBeNull();
    advance(59_999);
    expect(center.raise({ severity: 'critical', kind: 'error', message: 'x' })).toBeNull();
    advance(1);
    expect(center.raise({ severity: 'critical', kind: 'error', message: 'x' })).not.toBeNull();
    expect(heard).toHaveLength(2);
  });

  it('never merges alerts with different keys, such as two fills', () => {
    const { center } = make();
    center.raise({ severity: 'info', kind: 'fill', message: 'Bought', dedupeKey: 'fill:1' });
    center.raise({ severity: 'info', kind: 'fill', message: 'Bought', dedupeKey: 'fill:2' });
    expect(center.recent()).toHaveLength(2);
  });

  it('keeps only the newest alerts, newest first, and counts the unseen', () => {
    const { center } = make();
    for (const message of ['1', '2', '3', '4']) center.raise({ severity: 'info', kind: 'signal', message });
    expect(center.recent().map((a) => a.message)).toEqual(['4', '3', '2']);
    expect(center.acknowledge()).toBe(4);
    expect(center.unseenCount).toBe(0);
  });
});
