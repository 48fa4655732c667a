import { LineSeries, LineStyle, LineType, type IChartApi, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useId, useMemo } from 'react';
import type { PositionPoint } from '../../shared/contract';
import { Decimal } from '../../shared/decimal';
import { toChartLine } from '../format/chartData';
import { themedChartOptions, useChart } from './useChart';
import { useChartTheme } from './useChartTheme';

/** The panes, top to bottom: PnL (total and realized), the amount held, the average cost. Index = pane index. */
const PANES = { pnl: 0, held: 1, cost: 2 } as const;
const price = (precision: number) => ({ type: 'price' as const, precision, minMove: 1 / 10 ** precision });

/** Four lines on three panes sharing one time axis; the first (total PnL) is the one useChart hands back. */
const addPositionSeries = (chart: IChartApi) => {
  const total = chart.addSeries(LineSeries, { lineWidth: 2, title: 'PnL', priceFormat: price(2) }, PANES.pnl);
  chart.addSeries(LineSeries, { lineWidth: 1, lineStyle: LineStyle.Dashed, title: 'Realized', priceFormat: price(2) }, PANES.pnl);
  chart.addSeries(LineSeries, { lineWidth: 2, lineType: LineType.WithSteps, title: 'Held', priceFormat: price(2) }, PANES.held);
  chart.addSeries(LineSeries, { lineWidth: 2, lineType: LineType.WithSteps, title: 'Avg cost', priceFormat: price(4) }, PANES.cost);
  const [pnlPane, heldPane, costPane] = chart.panes();
  pnlPane?.setStretchFactor(2);
  heldPane?.setStretchFactor(1);
  costPane?.setStretchFactor(1);
  return total;
};

interface PositionChartViewProps {
  points: readonly PositionPoint[];
  base: string;
  quote: string;
  /** decimals of the average cost axis (a couple more than the price tick's) */
  costPrecision: number;
  /** one sentence summing the chart up for screen readers */
  description: string;
  height?: number;
}

/**
 * The History view's chart (issue 17): PnL (realized + unrealized, and
 * realized alone), the amount held and its average cost, after every fill.
 */
export function PositionChartView({ points, base, quote, costPrecision, description, height = 360 }: PositionChartViewProps) {
  const { container, chart } = useChart(height, addPositionSeries);
  const theme = useChartTheme();
  const descId = useId();
  const series = (): ISeriesApi<'Line'>[] => (chart.current?.panes().flatMap((pane) => pane.getSeries()) ?? []) as ISeriesApi<'Line'>[];

  const lines = useMemo(() => {
    const line = (value: (p: PositionPoint) => string | null) =>
      toChartLine(points.flatMap((p) => (value(p) === null ? [] : [{ time: p.time, value: value(p)! }]))).map((point) => ({ ...point, time: point.time as UTCTimestamp }));
    return [
      line((p) => Decimal.from(p.realized).add(p.unrealized).toString()),
      line((p) => p.realized),
      line((p) => p.positionAmount),
      line((p) => p.averageCost),
    ];
  }, [points]);

  useEffect(() => {
    const options = themedChartOptions(theme, { timeVisible: true });
    chart.current?.applyOptions({ ...options, layout: { ...options.layout, panes: { separatorColor: theme.border } } });
    const [total, realized, held, cost] = series();
    total?.applyOptions({ color: theme.accent });
    realized?.applyOptions({ color: theme.text });
    held?.applyOptions({ color: theme.accent });
    cost?.applyOptions({ color: theme.text, priceFormat: price(costPrecision) });
  }, [theme, costPrecision]);

  useEffect(() => {
    series().forEach((s, i) => s.setData(lines[i] ?? []));
    chart.current?.timeScale().fitContent();
  }, [lines]);

  return (
    <div className="chart position-chart">
      <p id={descId} className="visually-hidden">
        {description}
      </p>
      <ul className="chart-legend" aria-hidden="true">
        <li>
          <span className="key key-accent" /> PnL, realized + unrealized ({quote})
        </li>
        <li>
          <span className="key key-dashed" /> Realized PnL ({quote})
        </li>
        <li>
          <span className="key key-accent" /> {base} held
        </li>
        <li>
          <span className="key key-text" /> Average cost ({quote})
        </li>
      </ul>
      <figure ref={container} className="chart-canvas" aria-label={`Position and PnL over time: PnL, ${base} held and average cost`} aria-describedby={descId} data-testid="position-chart" style={{ height }} />
    </div>
  );
}
