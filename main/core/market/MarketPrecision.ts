import { decimalsOfStep } from '../../../shared/decimal';
import type { DisplayPrecision } from './toContract';

// Why a module of its own: the page shows prices at the market's own precision, read once from MEXC's market rules.

/** QRL/USDT's display precision until the exchange's market info has loaded. */
export const FALLBACK_PRECISION: DisplayPrecision = { price: 4, amount: 2 };

/** ccxt's market precision, in its TICK_SIZE mode: steps such as 0.0001 (ccxt's mexc.js). */
interface CcxtPrecision {
  price?: number;
  amount?: number;
}

/** Decimal places of each step (0.0001 → 4), or the fallback where a step is missing. */
export function displayPrecisionOf(precision: CcxtPrecision | undefined): DisplayPrecision {
  const places = (step: number | undefined, fallback: number) => (step ? decimalsOfStep(step) : fallback);
  return { price: places(precision?.price, FALLBACK_PRECISION.price), amount: places(precision?.amount, FALLBACK_PRECISION.amount) };
}

/** The display precision of one market: the fallback until MEXC's market rules load; a failed load is retried on the next call. */
export class MarketPrecision {
  private current: DisplayPrecision = FALLBACK_PRECISION;
  private loaded = false;

  get value(): DisplayPrecision {
    return this.current;
  }

  async load(source: { market(symbol: string): Promise<{ precision?: CcxtPrecision } | undefined> }, symbol: string): Promise<void> {
    if (this.loaded) return;
    try {
      const market = await source.market(symbol);
      this.current = displayPrecisionOf(market?.precision);
      this.loaded = true;
    } catch {
      // keep the fallback; the next market update tries again
    }
  }
}
