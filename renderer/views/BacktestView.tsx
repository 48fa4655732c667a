import { useState, type FormEvent } from 'react';
import { BacktestInputSchema, type BacktestResult } from '../../shared/contract';
import { formatTime } from '../../shared/formatTime';
import { api } from '../bridge/api';
import { DecimalText } from '../components/DecimalText';
import { FormField } from '../components/FormField';
import { Panel } from '../components/Panel';
import { TableHead, type Column } from '../components/TableHead';
import { formatAxisTime, formatDate } from '../format/formatAxisTime';
import { progressPercent } from '../state/reducers';
import { useAppStore } from '../state/store';

import { BacktestComparison } from './BacktestComparison';
import { BacktestSweepPanel } from './BacktestSweepPanel';

const tradeColumns: readonly Column[] = [
  { label: 'Date' },
  { label: 'Side' },
  { label: 'Price', numeric: true },
  { label: 'Amount', numeric: true, optional: true },
  { label: 'Cost', numeric: true, optional: true },
  { label: 'Fee', numeric: true, optional: true },
  { label: 'Reason' },
];

type BacktestField = 'days' | 'initialUsdt';

/** Replay the strategy over past daily candles: progress while it runs, then equity and trades. */
export function BacktestView() {
  const backtest = useAppStore((state) => state.backtest);
  const setBacktest = useAppStore((state) => state.setBacktest);
  const [days, setDays] = useState('365');
  const [initialUsdt, setInitialUsdt] = useState('1000');
  const [errors, setErrors] = useState<Partial<Record<BacktestField, string>>>({});
  const running = backtest.status === 'running';

  const onRun = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = BacktestInputSchema.safeParse({ days: days.trim() === '' ? Number.NaN : Number(days), initialUsdt: initialUsdt.trim() });
    if (!parsed.success) {
      const next: Partial<Record<BacktestField, string>> = {};
      for (const issue of parsed.error.issues) next[issue.path[0] as BacktestField] ??= issue.message;
      return setErrors(next);
    }
    setErrors({});
    setBacktest({ status: 'running', progress: null });
    const result = await api().runBacktest(parsed.data);
    setBacktest(result.ok ? { status: 'done', result: result.value } : { status: 'error', error: result.error });
  };

  const percent = backtest.status === 'running' ? progressPercent(backtest.progress) : null;

  return (
    <div className="stack">
      <Panel title="Backtest" testId="backtest-form">
        <form className="inline-form" onSubmit={(event) => void onRun(event)} noValidate>
          <FormField label="Days of daily candles" error={errors.days}>
            {({ id, describedBy, invalid }) => (
              <input id={id} type="number" min={60} max={3650} value={days} onChange={(event) => setDays(event.target.value)} aria-invalid={invalid} aria-describedby={describedBy} />
            )}
          </FormField>
          <FormField label="Starting USDT" error={errors.initialUsdt}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                type="text"
                inputMode="decimal"
                value={initialUsdt}
                onChange={(event) => setInitialUsdt(event.target.value)}
                aria-invalid={invalid}
                aria-describedby={describedBy}
              />
            )}
          </FormField>
          <button type="submit" className="primary" disabled={running}>
            {running ? 'Running…' : 'Run backtest'}
          </button>
        </form>
        {running && (
          <div className="progress" role="status" data-testid="backtest-progress">
            <progress max={100} value={percent ?? undefined} aria-label="Backtest progress" />
            <span>
              {backtest.progress ? `${backtest.progress.done} / ${backtest.progress.total} candles (${percent ?? 0} %)` : 'Starting…'}
            </span>
          </div>
        )}
        {backtest.status === 'error' && (
          <p role="alert" className="error-text">
            Backtest failed: {backtest.error.message}
          </p>
        )}
        {backtest.status === 'idle' && (
          <p className="panel-state empty">
            Runs the current strategy and risk settings over past daily candles (paged back as far as MEXC has them), with paper fills and fees, beside buy-and-hold and daily DCA of the same capital.
          </p>
        )}
      </Panel>
      {backtest.status === 'done' && <BacktestResultPanels result={backtest.result} />}
      <BacktestSweepPanel days={days} initialUsdt={initialUsdt} />
    </div>
  );
}

function BacktestResultPanels({ result }: { result: BacktestResult }) {
  return (
    <>
      <Panel title={`Result · ${formatDate(result.from)} → ${formatDate(result.to)}`} testId="backtest-result">
        <dl className="kv stats">
          <dt>Final equity</dt>
          <dd data-testid="bt-final-equity">
            <DecimalText value={result.finalEquityUsdt} digits={2} unit="USDT" />
          </dd>
          <dt>PnL</dt>
          <dd>
            <DecimalText value={result.pnlUsdt} digits={2} variant="signed" unit="USDT" />
          </dd>
          <dt>Max drawdown</dt>
          <dd>
            <DecimalText value={result.maxDrawdownPercent} digits={2} /> %
          </dd>
          <dt>Trades</dt>
          <dd data-testid="bt-trade-count">{result.trades.length}</dd>
        </dl>
        <BacktestComparison result={result} />
      </Panel>
      <Panel title={`Trades (${result.trades.length})`} testId="backtest-trades" status={result.trades.length ? { kind: 'ready' } : { kind: 'empty', message: 'The strategy made no trades over this period.' }}>
        <table className="data">
          <TableHead columns={tradeColumns} />
          <tbody>
            {result.trades.map((trade, index) => (
              <tr key={`${trade.time}-${index}`}>
                <td className="nowrap" title={formatTime(trade.time)}>
                  {formatDate(trade.time)} {formatAxisTime(trade.time, false)}
                </td>
                <td>
                  <span className={`side side-${trade.side}`}>{trade.side.toUpperCase()}</span>
                </td>
                <td className="r">
                  <DecimalText value={trade.price} />
                </td>
                <td className="r opt">
                  <DecimalText value={trade.amount} />
                </td>
                <td className="r opt">
                  <DecimalText value={trade.cost} digits={2} />
                </td>
                <td className="r opt">
                  <DecimalText value={trade.fee} />
                </td>
                <td className="reason">{trade.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
    </>
  );
}
