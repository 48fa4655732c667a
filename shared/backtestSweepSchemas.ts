/**
 * The parameter sweep's shapes (issue #17, "Honest backtests"): a grid of buy
 * threshold × price offset × EMA periods, each cell one backtest. Every value is
 * checked by StrategyParamsSchema itself, so the sweep accepts exactly what the
 * settings accept, with the same messages.
 */
import { z } from 'zod';
import { DecimalStringSchema } from './decimal';
import { defaultStrategyParams, StrategyParamsSchema } from './tradingSettings';

/** Cells in one sweep: each is a full backtest in the worker (a 3650-day cell took 0.2–0.5 s on one core here: 144 cells stay near a minute). */
export const MAX_SWEEP_CELLS = 144;
export const MAX_SWEEP_VALUES = 12;
export const MAX_SWEEP_EMA_PAIRS = 4;

/** The settings' own verdict on a strategy value, reported on this field. */
function checkedAsStrategy(params: (value: never) => Record<string, unknown>) {
  return (value: unknown, ctx: z.RefinementCtx) => {
    const parsed = StrategyParamsSchema.safeParse(params(value as never));
    if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
  };
}

const distinct = <T>(values: readonly T[], key: (value: T) => string = String) => new Set(values.map(key)).size === values.length;

const values = (field: 'buyThreshold' | 'priceOffset') =>
  z
    .array(z.number().superRefine(checkedAsStrategy((value: number) => ({ [field]: value }))))
    .min(1, 'give at least one value')
    .max(MAX_SWEEP_VALUES, `at most ${MAX_SWEEP_VALUES} values`)
    .refine((list) => distinct(list), 'values must not repeat');

/** An EMA pair; the cell reads max(candleLimit, slow) candles so the slow EMA always has its window. */
export const SweepEmaPeriodsSchema = z
  .strictObject({ fast: z.number().int(), slow: z.number().int() })
  .superRefine(checkedAsStrategy(({ fast, slow }: { fast: number; slow: number }) => ({ emaFast: fast, emaSlow: slow, candleLimit: Math.max(slow, defaultStrategyParams().candleLimit) })));

export const sweepGridFields = {
  buyThresholds: values('buyThreshold'),
  priceOffsets: values('priceOffset'),
  emaPeriods: z
    .array(SweepEmaPeriodsSchema)
    .min(1, 'give at least one EMA pair')
    .max(MAX_SWEEP_EMA_PAIRS, `at most ${MAX_SWEEP_EMA_PAIRS} EMA pairs`)
    .refine((list) => distinct(list, (pair) => `${pair.fast}/${pair.slow}`), 'EMA pairs must not repeat'),
};

export const sweepCellCount = (grid: { buyThresholds: readonly unknown[]; priceOffsets: readonly unknown[]; emaPeriods: readonly unknown[] }) =>
  grid.buyThresholds.length * grid.priceOffsets.length * grid.emaPeriods.length;

export const tooManyCells = (cells: number) => `the grid has ${cells} cells; at most ${MAX_SWEEP_CELLS}`;

const Decimal = DecimalStringSchema;

export const SweepCellSchema = z.object({
  /** position in the grid: EMA pair, then buy threshold, then price offset */
  index: z.number().int().nonnegative(),
  buyThreshold: z.number(),
  priceOffset: z.number(),
  emaFast: z.number().int(),
  emaSlow: z.number().int(),
  finalEquityUsdt: Decimal,
  pnlUsdt: Decimal,
  maxDrawdownPercent: Decimal,
  averageCostUsdt: Decimal.nullable(),
  baseAccumulated: Decimal,
  buys: z.number().int().nonnegative(),
});
export type SweepCell = z.infer<typeof SweepCellSchema>;
