import { useCallback, useEffect, useState } from 'react';
import type { PositionPoint, TradeHistoryView } from '../../shared/contract';
import { Decimal } from '../../shared/decimal';
import { formatTime } from '../../shared/formatTime';
import { api } from '../bridge/api';
import { ErrorText, Panel, type PanelStatus } from '../components/Panel';
import { PositionChartView } from '../components/PositionChartView';
import { useCommand } from '../components/useCommand';
import { useSymbol } from '../components/useSymbol';
import { decimalPrecision } from '../format/chartData';
import { formatDecimal, formatSignedDecimal } from '../format/formatDecimal';
import { useAppStore } from '../state/store';
import { FillsTable } from './FillsTable';
import { PnlSummary } from './PnlPanel';
import { TradeImportPanel } from './TradeImportPanel';
import './history.css';

/** The chart's sentence for screen readers: where the position ended up, and over what span. */
function describeTimeline(points: readonly PositionPoint[], base: string, quote: string): string {
  const first = points[0]!;
  const last = points.at(-1)!;
  const total = Decimal.from(last.realized).add(last.unrealized).toString();
  return `From ${formatTime(first.time)} to ${formatTime(last.time)}: ${formatDecimal(last.positionAmount)} ${base} held at an average cost of ${formatDecimal(last.averageCost)} ${quote}; PnL ${formatSignedDecimal(total, 2)} ${quote}, of which ${formatSignedDecimal(last.realized, 2)} realized.`;
}

/** Every fill with what it realized, the position and PnL over time, the import and the CSV export. */
export function HistoryView() {
  const [history, setHistory] = useState<TradeHistoryView | null>(null);
  const load = useCommand();
  const exporting = useCommand();
  const [exported, setExported] = useState<string | null>(null);
  const { base, quote } = useSymbol() ?? { base: 'QRL', quote: 'USDT' };
  const live = useAppStore((state) => state.snapshot?.status.mode === 'live');

  const refresh = useCallback(async () => {
    const value = await load.run(() => api().getTradeHistory());
    if (value) setHistory(value);
  }, [load.run]);
  useEffect(() => void refresh(), [refresh, live]);

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

  const waiting = history && !live && history.importedCount ? ` ${history.importedCount} imported trades are part of live mode's history.` : '';
  const status: PanelStatus = history
    ? history.fills.length
      ? { kind: 'ready' }
      : { kind: 'empty', message: `No trades yet. Fills from dry-run and live trading are listed here.${waiting}` }
    : load.error
      ? { kind: 'error', error: load.error, retry: () => void refresh() }
      : { kind: 'loading', message: 'Loading trade history…' };
  const timeline = history?.timeline ?? [];
  const chartStatus: PanelStatus = !history
    ? status.kind === 'error'
      ? status
      : { kind: 'loading' }
    : timeline.length
      ? { kind: 'ready' }
      : { kind: 'empty', message: `No fills yet: the chart draws the ${base} held, its average cost and the PnL after every fill.` };

  return (
    <div className="history">
      <div className="history-side">
        <Panel title="Position & PnL" testId="history-pnl" status={history ? { kind: 'ready' } : load.error ? { kind: 'error', error: load.error } : { kind: 'loading' }}>
          {history && <PnlSummary pnl={history.pnl} />}
          {history && !live && history.importedCount ? <p className="hint">{history.importedCount} imported trades count in live mode only: they are real trades.</p> : null}
        </Panel>
        <TradeImportPanel onImported={() => void refresh()} live={live} />
      </div>
      <div className="history-main">
        <Panel title="Position and PnL over time" testId="history-chart" status={chartStatus}>
          {timeline.length > 0 && (
            <PositionChartView
              points={timeline}
              base={base}
              quote={quote}
              costPrecision={Math.min(8, decimalPrecision(history!.fills.map((fill) => fill.price)) + 2)}
              description={describeTimeline(timeline, base, quote)}
            />
          )}
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
      </div>
      <ErrorText error={exporting.error} />
      {exported && (
        <p role="status" className="ok-text">
          Saved {exported}.
        </p>
      )}
    </div>
  );
}
