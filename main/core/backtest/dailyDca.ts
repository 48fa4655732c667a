import type { DecimalLike } from '../../../shared/decimal';
import type { CurveSummary } from './summarizeCurve';
import { accumulateAtOpen, type AccumulateInput } from './accumulateAtOpen';

/**
 * Plain dollar-cost averaging: `orderUsdt` (the strategy's order size) spent at
 * every day's open, no signal, until the capital no longer covers an order.
 */
export function dailyDca(input: AccumulateInput & { orderUsdt: DecimalLike }): CurveSummary {
  return accumulateAtOpen(input, () => input.orderUsdt);
}
