import { describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/contract';
import { sampleSnapshot } from '../../test/support/sampleSnapshot';
import { acceptSnapshot, appendLog, MAX_ALERTS, mergeAlerts, progressPercent } from './reducers';

const alert = (id: string, time: number): Alert => ({ id, time, severity: 'info', kind: 'fill', message: id });

describe('store reducers', () => {
  it('keeps the newest snapshot when events and replies cross', () => {
    const newer = sampleSnapshot({ version: 5 });
    expect(acceptSnapshot(newer, sampleSnapshot({ version: 4 }))).toBeNull();
    expect(acceptSnapshot(sampleSnapshot({ version: 4 }), newer)).toBe(newer);
    expect(acceptSnapshot(null, newer)).toBe(newer);
  });

  it('merges live alerts with snapshot alerts once each, newest first', () => {
    const merged = mergeAlerts([alert('a', 1), alert('b', 3)], [alert('b', 3), alert('c', 2)]);
    expect(merged.map((item) => item.id)).toEqual(['b', 'c', 'a']);
  });

  it('caps the alert list', () => {
    const many = Array.from({ length: MAX_ALERTS + 10 }, (_, index) => alert(`a${index}`, index));
    expect(mergeAlerts([], many)).toHaveLength(MAX_ALERTS);
    expect(mergeAlerts([], many)[0]?.id).toBe(`a${MAX_ALERTS + 9}`);
  });

  it('puts the newest log line first', () => {
    const logs = appendLog([{ time: 1, level: 'info', message: 'one' }], { time: 2, level: 'warn', message: 'two' });
    expect(logs.map((entry) => entry.message)).toEqual(['two', 'one']);
  });

  it('turns backtest progress into a percentage', () => {
    expect(progressPercent(null)).toBeNull();
    expect(progressPercent({ runId: 'r', done: 0, total: 0 })).toBeNull();
    expect(progressPercent({ runId: 'r', done: 91, total: 365 })).toBe(25);
    expect(progressPercent({ runId: 'r', done: 400, total: 365 })).toBe(100);
  });
});
