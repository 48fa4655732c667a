import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { chartTimeframes, type Candles, type ChartTimeframe, type ContractError, type Fill } from '../../shared/contract';
import { defaultStrategyParams } from '../../shared/tradingSettings';
import { api } from '../bridge/api';
import { IndicatorToggleGroup } from '../components/IndicatorToggleGroup';
import { Panel, type PanelStatus } from '../components/Panel';
import { StaleBadge } from '../components/StaleBadge';
import { Segmented } from '../components/Tabs';
import { useSymbol } from '../components/useSymbol';
import type { IndicatorToggles } from '../format/chartIndicators';
import { useAppStore } from '../state/store';

// The charting library is loaded on first use, in its own chunk.
const CandleChartView = lazy(() => import('../components/CandleChartView').then((module) => ({ default: module.CandleChartView })));

/** Candles read for the shorter timeframes; the daily chart reads the strategy's own window (candleLimit). */
const CANDLE_LIMIT = 120;
const DEFAULT_TOGGLES: IndicatorToggles = { ma: false, rsi: true, macd: false, williamsR: false };
/** Daily candles change slowly; shorter ones are re-read more often. */
const refreshMs: Record<ChartTimeframe, number> = { '1d': 60_000, '4h': 30_000, '1h': 30_000, '15m': 15_000 };

export function CandleChart() {
  const [timeframe, setTimeframe] = useState<ChartTimeframe>('1d');
  const [candles, setCandles] = useState<Candles | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [toggles, setToggles] = useState<IndicatorToggles>(DEFAULT_TOGGLES);
  const [history, setHistory] = useState<readonly Fill[]>([]);
  const symbol = useSymbol()?.symbol;
  const saved = useAppStore((state) => state.settings?.strategy);
  const strategy = useMemo(() => {
    const { emaFast, emaSlow, buyThreshold, candleLimit } = saved ?? defaultStrategyParams();
    return { emaFast, emaSlow, buyThreshold, candleLimit };
  }, [saved]);
  const marketStale = useAppStore((state) => state.snapshot?.market?.stale ?? false);
  const breaker = useAppStore((state) => state.snapshot?.apiHealth?.breaker ?? null);
  const recentFills = useAppStore((state) => state.snapshot?.recentFills);
  // When the engine's view of the market turns stale or fresh again, the chart asks anew rather than wait for its timer:
  // the engine's answer says whether its candles are current (issue 17), and it may have changed its mind.
  const marketHealth = `${marketStale}:${breaker ?? 'none'}`;

  const load = useCallback(
    async (wanted: ChartTimeframe) => {
      const [result, fills] = await Promise.all([api().getCandles({ timeframe: wanted, limit: wanted === '1d' ? strategy.candleLimit : CANDLE_LIMIT }), api().getTradeHistory()]);
      // Until trading has opened there are no fills to mark: the chart shows without them.
      if (fills.ok) setHistory(fills.value.fills);
      if (result.ok) {
        setCandles(result.value);
        setError(null);
      } else setError(result.error);
    },
    [strategy.candleLimit],
  );
  // Every fill of the mode, plus the newest from the snapshot so a fill shows at once; one marker per fill id.
  const fills = useMemo(() => [...new Map([...history, ...(recentFills ?? [])].map((fill) => [fill.id, fill])).values()], [history, recentFills]);

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
      // The engine dates its candles and says when they are stale; a refresh that failed here means what is drawn is no longer current either.
      badge={shown && <StaleBadge subject="Candles" fetchedAt={shown.fetchedAt} stale={shown.stale || error !== null} />}
      actions={<Segmented<ChartTimeframe> label="Candle interval" options={chartTimeframes} selected={timeframe} onSelect={setTimeframe} />}
    >
      {shown && (
        <Suspense fallback={<p className="panel-state loading chart-placeholder">Loading chart…</p>}>
          <IndicatorToggleGroup toggles={toggles} onChange={setToggles} />
          <CandleChartView candles={shown.candles} timeframe={timeframe} label={`${symbol ? `${symbol} ` : ''}${timeframe} candles`} strategy={strategy} toggles={toggles} fills={fills} />
        </Suspense>
      )}
      {error && shown && <p className="error-text" role="alert">Could not refresh: {error.message}</p>}
    </Panel>
  );
}
