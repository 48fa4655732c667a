import { useState } from 'react';
import { LIVE_CONFIRMATION, type OpenOrdersChoice } from '../../../shared/contract';
import { api } from '../../bridge/api';
import { ErrorText, Panel } from '../../components/Panel';
import { useCommand } from '../../components/useCommand';
import { useAppStore } from '../../state/store';
import { ModeBadge } from '../ModeBadge';
import { snapshotPanelStatus } from '../snapshotStatus';

/**
 * Dry-run ↔ live. Going live is typed out, never a single click. With the
 * bot's orders open in the mode being left, the user chooses what becomes of
 * them: canceled, or kept and still tracked.
 */
export function ModeSection() {
  const snapshot = useAppStore((state) => state.snapshot);
  const error = useAppStore((state) => state.snapshotError);
  const applySnapshot = useAppStore((state) => state.applySnapshot);
  const [typed, setTyped] = useState('');
  const [openOrders, setOpenOrders] = useState<OpenOrdersChoice | null>(null);
  const command = useCommand();
  const status = snapshotPanelStatus(snapshot, error, () => null);
  if (!snapshot) return <Panel title="Trading mode" status={status} />;
  const mode = snapshot.status.mode;
  const leftOpen = snapshot.openOrders.filter((order) => order.placedByBot && order.paper === (mode === 'dry-run')).length;
  const choiceMissing = leftOpen > 0 && openOrders === null;
  const choice = leftOpen > 0 && openOrders ? { openOrders } : {};
  const openOrdersChoice = leftOpen > 0 && (
    <fieldset className="radio-row open-orders-choice" data-testid="open-orders-choice">
      <legend>
        The bot has {leftOpen} open {mode === 'dry-run' ? 'paper' : 'live'} order{leftOpen === 1 ? '' : 's'}. When switching:
      </legend>
      <label className="radio">
        <input type="radio" name="open-orders" checked={openOrders === 'cancel'} onChange={() => setOpenOrders('cancel')} /> cancel {leftOpen === 1 ? 'it' : 'them'}
      </label>
      <label className="radio">
        <input type="radio" name="open-orders" checked={openOrders === 'keep'} onChange={() => setOpenOrders('keep')} /> keep {leftOpen === 1 ? 'it' : 'them'} open (still tracked and shown)
      </label>
    </fieldset>
  );

  const switchTo = async (input: Parameters<ReturnType<typeof api>['setMode']>[0]) => {
    const value = await command.run(() => api().setMode(input));
    if (!value) return;
    setTyped('');
    setOpenOrders(null);
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
            if (typed === LIVE_CONFIRMATION && !choiceMissing) void switchTo({ mode: 'live', confirmation: LIVE_CONFIRMATION, ...choice });
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
          {openOrdersChoice}
          <button type="submit" className="danger" disabled={typed !== LIVE_CONFIRMATION || choiceMissing || command.pending}>
            Switch to live trading
          </button>
        </form>
      ) : (
        <div>
          <p>
            <strong>Live:</strong> the bot places real orders on MEXC.
          </p>
          {openOrdersChoice}
          <button type="button" className="primary" disabled={choiceMissing || command.pending} onClick={() => void switchTo({ mode: 'dry-run', ...choice })}>
            Switch back to dry-run
          </button>
        </div>
      )}
      <ErrorText error={command.error} />
    </Panel>
  );
}
