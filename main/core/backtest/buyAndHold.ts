import type { CurveSummary } from './summarizeCurve';
import { accumulateAtOpen, type AccumulateInput } from './accumulateAtOpen';

/** The whole capital spent on QRL at the first day's open, then held: the benchmark a strategy must beat. */
export function buyAndHold(input: AccumulateInput): CurveSummary {
  return accumulateAtOpen(input, (day, freeUsdt) => (day === 0 ? freeUsdt : null));
}
