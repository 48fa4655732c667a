import type { StrategyParams } from '../../../shared/tradingSettings';

export interface SweepGrid {
  buyThresholds: readonly number[];
  priceOffsets: readonly number[];
  emaPeriods: readonly { fast: number; slow: number }[];
}

export interface SweepCellParams {
  /** position in the grid: EMA pair, then buy threshold, then price offset */
  index: number;
  buyThreshold: number;
  priceOffset: number;
  emaFast: number;
  emaSlow: number;
}

/** Every cell of the grid, in one fixed order (the heatmap's and the result's). */
export function sweepGrid({ buyThresholds, priceOffsets, emaPeriods }: SweepGrid): SweepCellParams[] {
  const cells: SweepCellParams[] = [];
  for (const { fast, slow } of emaPeriods) {
    for (const buyThreshold of buyThresholds) {
      for (const priceOffset of priceOffsets) cells.push({ index: cells.length, buyThreshold, priceOffset, emaFast: fast, emaSlow: slow });
    }
  }
  return cells;
}

/** The settings' strategy with one cell's values; the window grows to the slow EMA when it is longer. */
export function cellStrategy(base: StrategyParams, cell: SweepCellParams): StrategyParams {
  return { ...base, buyThreshold: cell.buyThreshold, priceOffset: cell.priceOffset, emaFast: cell.emaFast, emaSlow: cell.emaSlow, candleLimit: Math.max(base.candleLimit, cell.emaSlow) };
}
