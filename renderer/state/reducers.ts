/**
 * Pure state transitions for the store, kept apart so they are unit-tested in
 * Node without React or a DOM.
 */
import type { Alert, LogEntry, Snapshot } from '../../shared/contract';

export const MAX_ALERTS = 50;
export const MAX_LOGS = 200;

/** Events can arrive out of order with command replies: keep the newest snapshot. */
export function acceptSnapshot(current: Snapshot | null, next: Snapshot): Snapshot | null {
  if (current && current.version > next.version) return null;
  return next;
}

/** Snapshot alerts and live `alert` events, merged by id, newest first, capped. */
export function mergeAlerts(existing: readonly Alert[], incoming: readonly Alert[]): Alert[] {
  const byId = new Map<string, Alert>();
  for (const alert of [...existing, ...incoming]) byId.set(alert.id, alert);
  return [...byId.values()].sort((a, b) => b.time - a.time || (a.id < b.id ? 1 : -1)).slice(0, MAX_ALERTS);
}

export function appendLog(logs: readonly LogEntry[], entry: LogEntry): LogEntry[] {
  const next = [entry, ...logs];
  return next.length > MAX_LOGS ? next.slice(0, MAX_LOGS) : next;
}

export interface BacktestProgress {
  runId: string;
  done: number;
  total: number;
}

/** 0‥100 for a progress bar; null while the total is unknown. */
export function progressPercent(progress: BacktestProgress | null): number | null {
  if (!progress || progress.total === 0) return null;
  return Math.min(100, Math.round((progress.done / progress.total) * 100));
}
