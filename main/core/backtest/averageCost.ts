import { Decimal, type DecimalLike } from '../../../shared/decimal';

const PLACES = 8;

/**
 * USDT paid per QRL held: what was spent over what was received after fees, at
 * 8 places. Null when nothing was bought (no cost to average).
 */
export function averageCost(spentUsdt: DecimalLike, baseHeld: DecimalLike): string | null {
  const base = Decimal.from(baseHeld);
  if (!base.isPositive()) return null;
  return Decimal.from(spentUsdt).div(base, PLACES, 'half-up').toString();
}
