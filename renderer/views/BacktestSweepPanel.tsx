import { useState, type FormEvent } from 'react';
import { BacktestSweepInputSchema } from '../../shared/contract';
import { MAX_SWEEP_CELLS, sweepCellCount } from '../../shared/backtestSweepSchemas';
import { api } from '../bridge/api';
import { FormField } from '../components/FormField';
import { Panel } from '../components/Panel';
import { formatDate } from '../format/formatAxisTime';
import { useSweepStore } from '../state/sweepStore';
import { SweepHeatmap, type HeatmapMetric } from './SweepHeatmap';
import './backtest.css';

type SweepField = 'buyThresholds' | 'priceOffsets' | 'emaPeriods' | 'form';

/** "1, 1.02 1.05" → [1, 1.02, 1.05]; a word that is not a number stays NaN, for the schema to name. */
const numbers = (text: string) => text.split(/[\s,;]+/).filter(Boolean).map(Number);
/** "20/60, 10/30" → [{ fast: 20, slow: 60 }, …] */
const emaPairs = (text: string) =>
  text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((pair) => {
      const [fast, slow] = pair.split('/');
      return { fast: Number(fast), slow: Number(slow) };
    });

/**
 * The parameter sweep: a grid of buy threshold × price offset × EMA periods,
 * each cell a backtest over the same days and capital as the form above, run
 * on the engine's worker thread. Progress fills the heatmap cell by cell;
 * Cancel stops it; a second sweep waits for the first (the engine refuses it).
 */
export function BacktestSweepPanel({ days, initialUsdt }: { days: string; initialUsdt: string }) {
  const sweep = useSweepStore((state) => state.sweep);
  const [thresholds, setThresholds] = useState('1, 1.02, 1.05');
  const [offsets, setOffsets] = useState('0.97, 0.98, 0.99');
  const [pairs, setPairs] = useState('20/60, 10/30');
  const [metric, setMetric] = useState<HeatmapMetric>('pnl');
  const [errors, setErrors] = useState<Partial<Record<SweepField, string>>>({});
  const running = sweep.status === 'running';

  const onRun = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = BacktestSweepInputSchema.safeParse({
      days: days.trim() === '' ? Number.NaN : Number(days),
      initialUsdt: initialUsdt.trim(),
      buyThresholds: numbers(thresholds),
      priceOffsets: numbers(offsets),
      emaPeriods: emaPairs(pairs),
    });
    if (!parsed.success) {
      const next: Partial<Record<SweepField, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        const key: SweepField = field === 'buyThresholds' || field === 'priceOffsets' || field === 'emaPeriods' ? field : 'form';
        next[key] ??= key === 'form' ? `${String(field)}: ${issue.message} (in the backtest form above)` : issue.message;
      }
      return setErrors(next);
    }
    setErrors({});
    const { start, finish, fail } = useSweepStore.getState();
    start(parsed.data, sweepCellCount(parsed.data));
    const result = await api().runBacktestSweep(parsed.data);
    if (result.ok) finish(result.value);
    else fail(result.error);
  };

  const onCancel = async () => {
    useSweepStore.getState().markCanceling();
    await api().cancelBacktestSweep();
  };

  return (
    <Panel title="Parameter sweep" testId="sweep-panel">
      <form className="inline-form sweep-form" onSubmit={(event) => void onRun(event)} noValidate>
        <FormField label="Buy thresholds" hint="× EMA slow, separated by commas or spaces" error={errors.buyThresholds}>
          {({ id, describedBy, invalid }) => <input id={id} type="text" value={thresholds} onChange={(event) => setThresholds(event.target.value)} aria-invalid={invalid} aria-describedby={describedBy} />}
        </FormField>
        <FormField label="Price offsets" hint="× last price, below 1" error={errors.priceOffsets}>
          {({ id, describedBy, invalid }) => <input id={id} type="text" value={offsets} onChange={(event) => setOffsets(event.target.value)} aria-invalid={invalid} aria-describedby={describedBy} />}
        </FormField>
        <FormField label="EMA periods" hint="fast/slow pairs, e.g. 20/60" error={errors.emaPeriods}>
          {({ id, describedBy, invalid }) => <input id={id} type="text" value={pairs} onChange={(event) => setPairs(event.target.value)} aria-invalid={invalid} aria-describedby={describedBy} />}
        </FormField>
        <button type="submit" className="primary" disabled={running}>
          {running ? 'Sweeping…' : 'Run sweep'}
        </button>
        {running && (
          <button type="button" onClick={() => void onCancel()} disabled={sweep.canceling}>
            {sweep.canceling ? 'Canceling…' : 'Cancel sweep'}
          </button>
        )}
      </form>
      {errors.form && (
        <p role="alert" className="error-text">
          {errors.form}
        </p>
      )}
      <p className="muted">
        Up to {MAX_SWEEP_CELLS} cells, each a full backtest of the days and capital above, on a worker thread. One sweep at a time: cancel a running one before starting another.
      </p>
      {running && (
        <div className="progress" role="status" data-testid="sweep-progress">
          <progress max={sweep.total} value={sweep.done} aria-label="Sweep progress" />
          <span>
            {sweep.done} / {sweep.total} cells
          </span>
        </div>
      )}
      {sweep.status === 'error' && (
        <p role="alert" className="error-text">
          Sweep failed: {sweep.error.message}
        </p>
      )}
      {sweep.status === 'finished' && (
        <p role="status" data-testid="sweep-status">
          {sweep.result.status === 'canceled' ? `Canceled after ${sweep.result.cells.length} of ${sweep.result.total} cells.` : `Done: ${sweep.result.total} cells.`}{' '}
          {sweep.result.usedDays > 0 && `Period used: ${formatDate(sweep.result.from)} → ${formatDate(sweep.result.to)}, ${sweep.result.usedDays} of ${sweep.result.requestedDays} days asked.`}
          {sweep.result.historyNote && ` ${sweep.result.historyNote}`}
        </p>
      )}
      {(sweep.status === 'running' || sweep.status === 'finished') && (
        <>
          <fieldset className="radio-row">
            <legend>Colour the heatmap by</legend>
            {(['pnl', 'averageCost'] as const).map((value) => (
              <label key={value} className="radio">
                <input type="radio" name="sweep-metric" value={value} checked={metric === value} onChange={() => setMetric(value)} /> {value === 'pnl' ? 'PnL' : 'Average cost'}
              </label>
            ))}
          </fieldset>
          <SweepHeatmap grid={sweep.grid} cells={sweep.status === 'running' ? sweep.cells : sweep.result.cells} metric={metric} />
          <p className="heatmap-scale muted">Green: better than the grid's median (more PnL, or a lower average cost); red: worse. DD: the cell's max drawdown.</p>
        </>
      )}
    </Panel>
  );
}
