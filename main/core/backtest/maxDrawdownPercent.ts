import { Decimal, type DecimalLike } from '../../../shared/decimal';

const PLACES = 8;

/**
 * The largest peak-to-trough fall of an equity curve, in percent at 2 places.
 * The starting capital counts as the first peak: a curve that only falls from
 * its start still shows its loss.
 */
export function maxDrawdownPercent(initial: DecimalLike, values: Iterable<DecimalLike>): string {
  let peak = Decimal.from(initial);
  let worst = Decimal.ZERO;
  for (const raw of values) {
    const value = Decimal.from(raw);
    if (value.gt(peak)) peak = value;
    if (!peak.isPositive()) continue;
    const drawdown = peak.sub(value).mul(100).div(peak, PLACES, 'half-up');
    if (drawdown.gt(worst)) worst = drawdown;
  }
  return worst.toFixed(2, 'half-up');
}
