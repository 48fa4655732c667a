import type { BotState, CommandName } from '../../shared/contract';
import { formatTime } from '../../shared/formatTime';
import { useAppStore } from '../store';

const stateLabels: Record<BotState, string> = {
  stopped: 'Stopped',
  running: 'Running',
  paused: 'Paused',
  error: 'Error',
};

type LifecycleCommand = Extract<CommandName, 'startBot' | 'pauseBot' | 'resumeBot' | 'stopBot'>;

const actionsByState: Record<BotState, { command: LifecycleCommand; label: string }[]> = {
  stopped: [{ command: 'startBot', label: 'Start' }],
  running: [
    { command: 'pauseBot', label: 'Pause' },
    { command: 'stopBot', label: 'Stop' },
  ],
  paused: [
    { command: 'resumeBot', label: 'Resume' },
    { command: 'stopBot', label: 'Stop' },
  ],
  error: [
    { command: 'startBot', label: 'Restart' },
    { command: 'stopBot', label: 'Stop' },
  ],
};

export function StatusPanel() {
  const snapshot = useAppStore((state) => state.snapshot);
  const error = useAppStore((state) => state.error);
  const { applySnapshot, setError } = useAppStore.getState();

  if (!snapshot) {
    return (
      <section className="panel" aria-busy="true" aria-label="Bot status">
        Loading bot status…
      </section>
    );
  }
  const { status } = snapshot;

  const run = async (command: LifecycleCommand) => {
    const result = await window.api![command]();
    if (!result.ok) return setError(result.error);
    setError(null);
    const refreshed = await window.api!.getSnapshot();
    if (refreshed.ok) applySnapshot(refreshed.value);
  };

  return (
    <section className="panel" aria-label="Bot status">
      <h2>Bot</h2>
      <p className={`mode mode-${status.mode}`} data-testid="bot-mode">
        {status.mode === 'live' ? 'LIVE' : 'DRY-RUN'}
      </p>
      <dl>
        <dt>Market</dt>
        <dd>{status.symbol}</dd>
        <dt>State</dt>
        <dd data-testid="bot-state">{stateLabels[status.state]}</dd>
        <dt>Since</dt>
        <dd>{formatTime(status.since)}</dd>
        {status.reason && (
          <>
            <dt>Reason</dt>
            <dd>{status.reason}</dd>
          </>
        )}
      </dl>
      <div className="actions">
        {actionsByState[status.state].map(({ command, label }) => (
          <button key={command} type="button" onClick={() => void run(command)}>
            {label}
          </button>
        ))}
      </div>
      {error && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
    </section>
  );
}
