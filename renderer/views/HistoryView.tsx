import { useCallback, useEffect, useState } from 'react';
import type { TradeHistoryView } from '../../shared/contract';
import { api } from '../bridge/api';
import { ErrorText, Panel, type PanelStatus } from '../components/Panel';
import { useCommand } from '../components/useCommand';
import { FillsTable } from './FillsTable';
import { PnlSummary } from './PnlPanel';

/** Every fill with the position's PnL, and the journal as CSV. */
export function HistoryView() {
  const [history, setHistory] = useState<TradeHistoryView | null>(null);
  const load = useCommand();
  const exporting = useCommand();
  const [exported, setExported] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const value = await load.run(() => api().getTradeHistory());
    if (value) setHistory(value);
  }, [load.run]);
  useEffect(() => void refresh(), [refresh]);

  const onExport = async () => {
    setExported(null);
    const value = await exporting.run(() => api().exportTrades());
    if (!value) return;
    const url = URL.createObjectURL(new Blob([value.csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = value.fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setExported(value.fileName);
  };

  const status: PanelStatus = history
    ? history.fills.length
      ? { kind: 'ready' }
      : { kind: 'empty', message: 'No trades yet. Fills from dry-run and live trading are listed here.' }
    : load.error
      ? { kind: 'error', error: load.error, retry: () => void refresh() }
      : { kind: 'loading', message: 'Loading trade history…' };

  return (
    <div className="history">
      <Panel title="Position & PnL" testId="history-pnl" status={history ? { kind: 'ready' } : load.error ? { kind: 'error', error: load.error } : { kind: 'loading' }}>
        {history && <PnlSummary pnl={history.pnl} />}
      </Panel>
      <Panel
        title={`Trade history${history ? ` (${history.fills.length})` : ''}`}
        testId="history-fills"
        status={status}
        actions={
          <>
            <button type="button" className="small" onClick={() => void refresh()} disabled={load.pending}>
              Refresh
            </button>
            <button type="button" className="small" onClick={() => void onExport()} disabled={exporting.pending}>
              {exporting.pending ? 'Exporting…' : 'Export CSV'}
            </button>
          </>
        }
      >
        {history && <FillsTable fills={history.fills} caption="Trade history" />}
      </Panel>
      <ErrorText error={exporting.error} />
      {exported && (
        <p role="status" className="ok-text">
          Saved {exported}.
        </p>
      )}
    </div>
  );
}
