import { formatTime } from '../../shared/formatTime';
import { Panel } from '../components/Panel';
import { useAppStore } from '../state/store';
import { AlertsFeed } from './AlertsFeed';

/** Every alert, and the engine's log lines as they arrive. */
export function AlertsView() {
  const logs = useAppStore((state) => state.logs);
  return (
    <div className="stack">
      <AlertsFeed />
      <Panel title="Engine log" testId="engine-log" status={logs.length ? { kind: 'ready' } : { kind: 'empty', message: 'No log lines since this page opened.' }}>
        <ol className="log">
          {logs.map((entry, index) => (
            <li key={`${entry.time}-${index}`} className={`log-${entry.level}`}>
              <time className="muted">{formatTime(entry.time)}</time> <span className="log-level">{entry.level}</span> {entry.message}
            </li>
          ))}
        </ol>
      </Panel>
    </div>
  );
}
