import { useState } from 'react';
import { LIVE_CONFIRMATION } from '../../../shared/contract';
import { api } from '../../bridge/api';
import { ErrorText, Panel } from '../../components/Panel';
import { useCommand } from '../../components/useCommand';
import { useAppStore } from '../../store';
import { ModeBadge } from '../ModeBadge';
import { snapshotPanelStatus } from '../snapshotStatus';

/** Dry-run ↔ live. Going live is typed out, never a single click. */
export function ModeSection() {
  const snapshot = useAppStore((state) => state.snapshot);
  const error = useAppStore((state) => state.snapshotError);
  const applySnapshot = useAppStore((state) => state.applySnapshot);
  const [typed, setTyped] = useState('');
  const command = useCommand();
  const status = snapshotPanelStatus(snapshot, error, () => null);
  if (!snapshot) return <Panel title="Trading mode" status={status} />;
  const mode = snapshot.status.mode;

  const switchTo = async (input: Parameters<ReturnType<typeof api>['setMode']>[0]) => {
    const value = await command.run(() => api().setMode(input));
    if (!value) return;
    setTyped('');
    const refreshed = await api().getSnapshot();
    if (refreshed.ok) applySnapshot(refreshed.value);
  };

  return (
    <Panel title="Trading mode" testId="mode-section" badge={<ModeBadge mode={mode} testId="settings-mode" />}>
      {mode === 'dry-run' ? (
        <form
          className="mode-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (typed === LIVE_CONFIRMATION) void switchTo({ mode: 'live', confirmation: LIVE_CONFIRMATION });
          }}
        >
          <p>
            Dry-run trades a paper wallet against live prices. <strong>Live mode places real orders with real money</strong> using the saved API keys.
          </p>
          <div className="field">
            <label htmlFor="live-confirmation">
              Type <kbd>{LIVE_CONFIRMATION}</kbd> to switch to live trading
            </label>
            <input id="live-confirmation" type="text" autoComplete="off" spellCheck={false} value={typed} onChange={(event) => setTyped(event.target.value)} />
          </div>
          <button type="submit" className="danger" disabled={typed !== LIVE_CONFIRMATION || command.pending}>
            Switch to live trading
          </button>
        </form>
      ) : (
        <div>
          <p>
            <strong>Live:</strong> the bot places real orders on MEXC.
          </p>
          <button type="button" className="primary" disabled={command.pending} onClick={() => void switchTo({ mode: 'dry-run' })}>
            Switch back to dry-run
          </button>
        </div>
      )}
      <ErrorText error={command.error} />
    </Panel>
  );
}
