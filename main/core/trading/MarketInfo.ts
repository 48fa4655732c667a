import type { MarketInterface } from 'ccxt';
import { Decimal } from '../../../shared/decimal';

/**
 * What the pre-trade checks and the paper broker need to know about a market,
 * read from MEXC's exchangeInfo (MEXC's Spot v3 docs, market data) through ccxt's market.
 * Decimals are strings; `null` means the exchange states no such limit.
 */
export interface MarketInfo {
  /** "QRL/USDT" */
  symbol: string;
  base: string;
  quote: string;
  /** status "1" (online); "2" paused, "3" offline */
  online: boolean;
  /** isSpotTradingAllowed: the symbol may be traded through the API */
  apiTradeable: boolean;
  /** tradeSideType "1" all, "2" buy only, "3" sell only, "4" closed */
  sides: 'all' | 'buy-only' | 'sell-only' | 'none';
  /** price tick: 10^-quoteAssetPrecision, e.g. "0.0001" */
  priceTick: string;
  /** amount step: 10^-baseAssetPrecision, e.g. "0.01" */
  amountStep: string;
  /** baseSizePrecision: the minimum order quantity, despite its name */
  minAmount: string | null;
  /** quoteAmountPrecision: the minimum order value in quote, despite its name (error 30002) */
  minCost: string | null;
  /** maxQuoteAmount: the maximum order value in quote (error 30003) */
  maxCost: string | null;
  /** fee rates as fractions: "0.002" = 0.2 % */
  makerFee: string;
  takerFee: string;
}

const SIDE_TYPES: Record<string, MarketInfo['sides']> = { '1': 'all', '2': 'buy-only', '3': 'sell-only', '4': 'none' };

const text = (value: unknown): string | null => (value === undefined || value === null || value === '' ? null : String(value));
/** a number from ccxt back to its exact decimal text (1e-8 → "0.00000001") */
const decimalText = (value: unknown): string | null => {
  const raw = text(value);
  return raw === null ? null : Decimal.from(raw).toString();
};

/** Reads a ccxt mexc market (precisionMode TICK_SIZE) into MarketInfo. */
export function marketInfoFromCcxt(market: MarketInterface): MarketInfo {
  const info = (market.info ?? {}) as Record<string, unknown>;
  const status = text(info.status);
  const tick = market.precision?.price;
  const step = market.precision?.amount;
  if (tick === undefined || step === undefined) throw new Error(`market ${market.symbol} has no price/amount precision: load markets before trading`);
  return {
    symbol: market.symbol,
    base: market.base,
    quote: market.quote,
    // without the raw status, fall back to ccxt's own `active` (status "1" && isSpotTradingAllowed)
    online: status === null ? market.active !== false : status === '1' || status === 'ENABLED',
    apiTradeable: info.isSpotTradingAllowed === undefined ? market.active !== false : info.isSpotTradingAllowed === true || info.isSpotTradingAllowed === 'true',
    sides: SIDE_TYPES[text(info.tradeSideType) ?? '1'] ?? 'all',
    priceTick: Decimal.from(tick).toString(),
    amountStep: Decimal.from(step).toString(),
    minAmount: decimalText(market.limits?.amount?.min),
    minCost: decimalText(market.limits?.cost?.min),
    maxCost: decimalText(market.limits?.cost?.max),
    makerFee: decimalText(market.maker) ?? '0',
    takerFee: decimalText(market.taker) ?? '0',
  };
}
