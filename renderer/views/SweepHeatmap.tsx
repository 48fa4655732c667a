import type { SweepCell } from '../../shared/backtestSweepSchemas';
import { formatDecimal, formatSignedDecimal } from '../format/formatDecimal';
import { heatmapShade, shadeBackground } from '../format/heatmapShade';
import type { SweepGridShape } from '../state/sweepStore';

export type HeatmapMetric = 'pnl' | 'averageCost';

const metricValue = (cell: SweepCell, metric: HeatmapMetric): number | null => (metric === 'pnl' ? Number(cell.pnlUsdt) : cell.averageCostUsdt === null ? null : Number(cell.averageCostUsdt));

/**
 * One table per EMA pair: buy threshold down, price offset across; each cell
 * the metric (tinted against the whole grid) and its max drawdown. A table, so
 * a screen reader reads it row by row with its headers; the tint only repeats
 * what the text says.
 */
export function SweepHeatmap({ grid, cells, metric }: { grid: SweepGridShape; cells: readonly SweepCell[]; metric: HeatmapMetric }) {
  const byIndex = new Map(cells.map((cell) => [cell.index, cell]));
  const values = cells.map((cell) => metricValue(cell, metric)).filter((value): value is number => value !== null);
  const perPair = grid.buyThresholds.length * grid.priceOffsets.length;
  return (
    <>
      {grid.emaPeriods.map((pair, pairIndex) => (
        <div className="heatmap-wrap" key={`${pair.fast}/${pair.slow}`}>
          <table className="heatmap" data-testid="sweep-heatmap">
            <caption>
              EMA {pair.fast}/{pair.slow}: {metric === 'pnl' ? 'PnL in USDT' : 'average cost in USDT per QRL'}, max drawdown below
            </caption>
            <thead>
              <tr>
                <th scope="col">Buy threshold ↓ · Price offset →</th>
                {grid.priceOffsets.map((offset) => (
                  <th scope="col" key={offset}>
                    ×{offset}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {grid.buyThresholds.map((threshold, row) => (
                <tr key={threshold}>
                  <th scope="row">×{threshold}</th>
                  {grid.priceOffsets.map((offset, column) => {
                    const cell = byIndex.get(pairIndex * perPair + row * grid.priceOffsets.length + column);
                    if (!cell) {
                      return (
                        <td key={offset} className="pending">
                          <span aria-hidden="true">…</span>
                          <span className="visually-hidden">not run</span>
                        </td>
                      );
                    }
                    const value = metricValue(cell, metric);
                    return (
                      <td key={offset} style={{ background: shadeBackground(heatmapShade(value, values, metric === 'pnl' ? 'higher' : 'lower')) }} data-testid="sweep-cell">
                        {metric === 'pnl' ? formatSignedDecimal(cell.pnlUsdt, 2) : cell.averageCostUsdt === null ? 'no buys' : formatDecimal(cell.averageCostUsdt, 4)}
                        <span className="dd">DD {formatDecimal(cell.maxDrawdownPercent, 2)} %</span>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </>
  );
}
