import type { MarketInfo } from '../../main/core/trading/MarketInfo';

/** QRL/USDT as MEXC lists it (4-place prices, 2-place amounts, 1 USDT minimum), for tests. */
export function qrlTestMarket(overrides: Partial<MarketInfo> = {}): MarketInfo {
  return {
    symbol: 'QRL/USDT',
    base: 'QRL',
    quote: 'USDT',
    online: true,
    apiTradeable: true,
    sides: 'all',
    priceTick: '0.0001',
    amountStep: '0.01',
    minAmount: '0.01',
    minCost: '1',
    maxCost: '5000000',
    makerFee: '0.001',
    takerFee: '0.002',
    ...overrides,
  };
}
