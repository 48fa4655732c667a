import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { chartTimeframes, type Candles, type ChartTimeframe, type ContractError } from '../../shared/contract';
import { api } from '../bridge/api';
import { Panel, type PanelStatus } from '../components/Panel';
import { StaleBadge } from '../components/StaleBadge';
import { Segmented } from '../components/Tabs';
import { useSymbol } from '../components/useSymbol';
import { useAppStore } from '../state/store';

// The charting library is loaded on first use, in its own chunk.
const CandleChartView = lazy(() => import('../components/CandleChartView').then((module) => ({ default: module.CandleChartView })));

const CANDLE_LIMIT = 120;
/** Daily candles change slowly; shorter ones are re-read more often. */
const refreshMs: Record<ChartTimeframe, number> = { '1d': 60_000, '4h': 30_000, '1h': 30_000, '15m': 15_000 };

export function CandleChart() {
  const [timeframe, setTimeframe] = useState<ChartTimeframe>('1d');
  const [candles, setCandles] = useState<Candles | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const symbol = useSymbol()?.symbol;
  // When the engine's view of the market turns stale or fresh again, the chart asks anew rather than wait for its timer.
  const marketHealth = useAppStore((state) => `${state.snapshot?.market?.stale ?? 'none'}:${state.snapshot?.apiHealth?.breaker ?? 'none'}`);

  const load = useCallback(async (wanted: ChartTimeframe) => {
    const result = await api().getCandles({ timeframe: wanted, limit: CANDLE_LIMIT });
    if (result.ok) {
      setCandles(result.value);
      setError(null);
    } else setError(result.error);
  }, []);

  useEffect(() => {
    setCandles((current) => (current?.timeframe === timeframe ? current : null));
    const timer = setInterval(() => void load(timeframe), refreshMs[timeframe]);
    return () => clearInterval(timer);
  }, [timeframe, load]);

  useEffect(() => void load(timeframe), [timeframe, load, marketHealth]);

  const shown = candles?.timeframe === timeframe ? candles : null;
  const status: PanelStatus =
    error && !shown
      ? { kind: 'error', error, retry: () => void load(timeframe) }
      : !shown
        ? { kind: 'loading', message: 'Loading candles…' }
        : shown.candles.length === 0
          ? { kind: 'empty', message: 'The exchange returned no candles for this interval yet.' }
          : { kind: 'ready' };

  return (
    <Panel
      title={`Chart · ${timeframe}`}
      className="chart-panel"
      testId="candle-panel"
      status={status}
      // A failed refresh means what is drawn is no longer current, whatever it said when it came.
      badge={shown && <StaleBadge subject="Candles" fetchedAt={shown.fetchedAt} stale={shown.stale || error !== null} />}
      actions={<Segmented<ChartTimeframe> label="Candle interval" options={chartTimeframes} selected={timeframe} onSelect={setTimeframe} />}
    >
      {shown && (
        <Suspense fallback={<p className="panel-state loading chart-placeholder">Loading chart…</p>}>
          <CandleChartView candles={shown.candles} timeframe={timeframe} label={`${symbol ? `${symbol} ` : ''}${timeframe} candles`} />
        </Suspense>
      )}
      {error && shown && <p className="error-text" role="alert">Could not refresh: {error.message}</p>}
    </Panel>
  );
}
