import { useState } from 'react';
import type { Alert } from '../../shared/contract';
import { formatTime } from '../../shared/formatTime';
import { api } from '../bridge/api';
import { ErrorText, Panel } from '../components/Panel';
import { useCommand } from '../components/useCommand';
import { useAppStore } from '../state/store';

const severityIcons: Record<Alert['severity'], string> = { info: 'i', warning: '!', critical: '!!' };

/** Alerts from snapshots and live `alert` events, newest first. */
export function AlertsFeed({ limit }: { limit?: number }) {
  const snapshot = useAppStore((state) => state.snapshot);
  const error = useAppStore((state) => state.snapshotError);
  const alerts = useAppStore((state) => state.alerts);
  const acknowledge = useCommand();
  const [seen, setSeen] = useState<number | null>(null);
  const shown = limit ? alerts.slice(0, limit) : alerts;
  const status = !snapshot && alerts.length === 0
    ? error
      ? { kind: 'error' as const, error }
      : { kind: 'loading' as const }
    : alerts.length === 0
      ? { kind: 'empty' as const, message: 'No alerts. Fills, price rules and API trouble show up here.' }
      : { kind: 'ready' as const };

  return (
    <Panel
      title={`Alerts${alerts.length ? ` (${alerts.length})` : ''}`}
      testId="alerts-feed"
      status={status}
      actions={
        alerts.length > 0 && (
          <button type="button" className="small" disabled={acknowledge.pending} onClick={() => void acknowledge.run(() => api().acknowledgeAlerts()).then((value) => setSeen(value?.acknowledged ?? null))}>
            Mark all seen
          </button>
        )
      }
    >
      <ErrorText error={acknowledge.error} />
      {seen !== null && (
        <p role="status" className="muted small-text">
          {seen === 0 ? 'Nothing new to mark.' : `Marked ${seen} as seen; the tray icon is cleared.`}
        </p>
      )}
      <ol className="alerts" aria-live="polite" aria-relevant="additions">
        {shown.map((alert) => (
          <li key={alert.id} className={`alert alert-${alert.severity}`} data-kind={alert.kind}>
            <span className="alert-icon" aria-hidden="true">
              {severityIcons[alert.severity]}
            </span>
            <span className="alert-severity visually-hidden">{alert.severity}: </span>
            <span className="alert-message">{alert.message}</span>
            <span className="alert-meta">
              {alert.kind} · <time dateTime={new Date(alert.time).toISOString()}>{formatTime(alert.time)}</time>
            </span>
          </li>
        ))}
      </ol>
      {limit && alerts.length > limit && <p className="muted small-text">{alerts.length - limit} older alerts in the Alerts tab.</p>}
    </Panel>
  );
}
