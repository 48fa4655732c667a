import { useState } from 'react';
import { api } from '../../bridge/api';
import { DecimalText } from '../../components/DecimalText';
import { ErrorText } from '../../components/Panel';
import { useCommand } from '../../components/useCommand';
import { useAppStore } from '../../state/store';
import { SchemaSection } from './SchemaSection';

/** The dry-run wallet: its starting balance (a setting) and a reset to it (a command, two steps). */
export function PaperWalletSection() {
  return (
    <SchemaSection sectionKey="paper" title="Dry-run wallet" missing="This engine build has no paper wallet settings yet.">
      <PaperWalletReset />
    </SchemaSection>
  );
}

function PaperWalletReset() {
  const saved = useAppStore((state) => state.settings?.paper?.initialUsdt ?? null);
  const [confirm, setConfirm] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const reset = useCommand();
  if (saved === null) return null;
  // Settings hold the amount as a number; the command takes a decimal string.
  const usdt = String(saved);

  const onReset = async () => {
    setDone(null);
    if (!confirm) return setConfirm(true);
    setConfirm(false);
    const balances = await reset.run(() => api().resetPaperWallet({ usdt }));
    if (balances) setDone(balances.totalUsdt);
  };

  return (
    <div className="reset-row">
      <button type="button" className={confirm ? 'danger' : ''} disabled={reset.pending} onClick={() => void onReset()} onBlur={() => setConfirm(false)}>
        {confirm ? `Confirm: reset to ${usdt} USDT` : `Reset paper wallet to ${usdt} USDT`}
      </button>
      <span className="hint">Clears the paper position and fills; uses the saved starting balance.</span>
      <ErrorText error={reset.error} />
      {done !== null && (
        <p role="status" className="ok-text">
          Paper wallet reset: <DecimalText value={done} digits={2} unit="USDT" />
        </p>
      )}
    </div>
  );
}
