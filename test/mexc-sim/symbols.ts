/** The simulated listing: QRLUSDT as MEXC lists it, plus neighbours that exercise every flag. */
export interface SymbolSpec {
  symbol: string;
  baseAsset: string;
  quoteAsset: string;
  /** "1" online, "2" paused, "3" offline */
  status: '1' | '2' | '3';
  /** whether API trading is allowed */
  isSpotTradingAllowed: boolean;
  /** decimals of the quantity */
  baseAssetPrecision: number;
  /** decimals of the price */
  quoteAssetPrecision: number;
  /** minimum quantity */
  baseSizePrecision: string;
  /** minimum notional in quote (MEXC's misleading name) */
  quoteAmountPrecision: string;
  maxQuoteAmount: string;
  makerCommission: string;
  takerCommission: string;
  orderTypes: string[];
  /** starting price of the seeded path */
  basePrice: number;
  /** daily volatility of the path */
  dailyVolatility: number;
  /** typical minute volume in base units */
  minuteVolume: number;
  /** typical bid-ask spread in basis points of the price (the book keeps at least two ticks) */
  spreadBps: number;
}

const allTypes = ['LIMIT', 'MARKET', 'LIMIT_MAKER', 'IMMEDIATE_OR_CANCEL', 'FILL_OR_KILL'];

export const SIM_SYMBOLS: SymbolSpec[] = [
  {
    symbol: 'QRLUSDT', baseAsset: 'QRL', quoteAsset: 'USDT', status: '1', isSpotTradingAllowed: true,
    baseAssetPrecision: 2, quoteAssetPrecision: 4, baseSizePrecision: '0.01', quoteAmountPrecision: '1',
    maxQuoteAmount: '2000000', makerCommission: '0', takerCommission: '0.0005', orderTypes: allTypes,
    basePrice: 0.45, dailyVolatility: 0.045, minuteVolume: 40, spreadBps: 12,
  },
  {
    symbol: 'BTCUSDT', baseAsset: 'BTC', quoteAsset: 'USDT', status: '1', isSpotTradingAllowed: true,
    baseAssetPrecision: 6, quoteAssetPrecision: 2, baseSizePrecision: '0.000001', quoteAmountPrecision: '1',
    maxQuoteAmount: '5000000', makerCommission: '0', takerCommission: '0.0005', orderTypes: allTypes,
    basePrice: 60000, dailyVolatility: 0.025, minuteVolume: 0.8, spreadBps: 0.02,
  },
  {
    symbol: 'ETHUSDT', baseAsset: 'ETH', quoteAsset: 'USDT', status: '1', isSpotTradingAllowed: true,
    baseAssetPrecision: 5, quoteAssetPrecision: 2, baseSizePrecision: '0.00001', quoteAmountPrecision: '1',
    maxQuoteAmount: '5000000', makerCommission: '0', takerCommission: '0.0005', orderTypes: allTypes,
    basePrice: 3000, dailyVolatility: 0.03, minuteVolume: 6, spreadBps: 0.05,
  },
  {
    // Listed, but not tradeable through the API (isSpotTradingAllowed false).
    symbol: 'MXUSDT', baseAsset: 'MX', quoteAsset: 'USDT', status: '1', isSpotTradingAllowed: false,
    baseAssetPrecision: 2, quoteAssetPrecision: 4, baseSizePrecision: '0.01', quoteAmountPrecision: '1',
    maxQuoteAmount: '1000000', makerCommission: '0', takerCommission: '0.0005', orderTypes: ['LIMIT', 'LIMIT_MAKER'],
    basePrice: 2.5, dailyVolatility: 0.03, minuteVolume: 100, spreadBps: 8,
  },
  {
    // Paused market (status "2").
    symbol: 'DOGEUSDT', baseAsset: 'DOGE', quoteAsset: 'USDT', status: '2', isSpotTradingAllowed: true,
    baseAssetPrecision: 2, quoteAssetPrecision: 5, baseSizePrecision: '1', quoteAmountPrecision: '1',
    maxQuoteAmount: '1000000', makerCommission: '0', takerCommission: '0.0005', orderTypes: allTypes,
    basePrice: 0.12, dailyVolatility: 0.05, minuteVolume: 5000, spreadBps: 5,
  },
];

export function findSymbol(symbol: string | undefined): SymbolSpec | undefined {
  return SIM_SYMBOLS.find((spec) => spec.symbol === symbol);
}
