import { plain, str, type Dec } from './Decimal';
import type { SimOrder, SimTrade } from './MatchingEngine';
import type { SymbolSpec } from './symbols';

/** JSON shapes exactly as MEXC's REST API prints them (numbers as strings, camelCase, its spellings). */
export const fmt = (value: Dec) => plain(value);

const timeInForce = (order: SimOrder) =>
  order.type === 'IMMEDIATE_OR_CANCEL' ? 'IOC' : order.type === 'FILL_OR_KILL' ? 'FOK' : 'GTC';

/** The fields every order answer shares: a cancel's answer is exactly these. */
function orderCoreJson(order: SimOrder) {
  return {
    symbol: order.symbol,
    orderId: order.orderId,
    orderListId: -1,
    clientOrderId: order.clientOrderId,
    price: order.price === null ? '0' : fmt(order.price),
    origQty: fmt(order.origQty),
    executedQty: fmt(order.executedQty),
    cummulativeQuoteQty: fmt(order.cummulativeQuoteQty),
    status: order.status,
    timeInForce: timeInForce(order),
    type: order.type,
    side: order.side,
  };
}

/** GET /api/v3/order, openOrders, allOrders. */
export function orderJson(order: SimOrder) {
  return {
    ...orderCoreJson(order),
    stopPrice: '0',
    icebergQty: '0',
    time: order.time,
    updateTime: order.updateTime,
    isWorking: order.status === 'NEW' || order.status === 'PARTIALLY_FILLED',
    origQuoteOrderQty: fmt(order.origQuoteOrderQty),
  };
}

/** POST /api/v3/order: no status, no clientOrderId, no executedQty (and never a `code`). */
export function newOrderJson(order: SimOrder) {
  return {
    symbol: order.symbol,
    orderId: order.orderId,
    orderListId: -1,
    price: order.price === null ? '0' : fmt(order.price),
    origQty: fmt(order.origQty),
    type: order.type,
    side: order.side,
    transactTime: order.time,
  };
}

/** DELETE /api/v3/order (and each entry of DELETE openOrders). */
export function canceledOrderJson(order: SimOrder) {
  return { origClientOrderId: order.clientOrderId, ...orderCoreJson(order) };
}

/** myTrades: isBuyer/isMaker, never isBuyerMaker (ccxt would misread the side). */
export function myTradeJson(trade: SimTrade) {
  return {
    symbol: trade.symbol,
    id: trade.id,
    orderId: trade.orderId,
    orderListId: -1,
    price: fmt(trade.price),
    qty: fmt(trade.qty),
    quoteQty: fmt(trade.quoteQty),
    commission: fmt(trade.commission),
    commissionAsset: trade.commissionAsset,
    time: trade.time,
    isBuyer: trade.isBuyer,
    isMaker: trade.isMaker,
    isBestMatch: true,
    isSelfTrade: false,
    clientOrderId: trade.clientOrderId,
  };
}

export function symbolJson(spec: SymbolSpec) {
  return {
    symbol: spec.symbol,
    status: spec.status,
    baseAsset: spec.baseAsset,
    baseAssetPrecision: spec.baseAssetPrecision,
    quoteAsset: spec.quoteAsset,
    quotePrecision: spec.quoteAssetPrecision,
    quoteAssetPrecision: spec.quoteAssetPrecision,
    baseCommissionPrecision: spec.baseAssetPrecision,
    quoteCommissionPrecision: spec.quoteAssetPrecision,
    orderTypes: spec.orderTypes,
    quoteOrderQtyMarketAllowed: spec.orderTypes.includes('MARKET'),
    isSpotTradingAllowed: spec.isSpotTradingAllowed,
    isMarginTradingAllowed: false,
    quoteAmountPrecision: spec.quoteAmountPrecision,
    baseSizePrecision: spec.baseSizePrecision,
    permissions: ['SPOT'],
    filters: [],
    maxQuoteAmount: spec.maxQuoteAmount,
    makerCommission: spec.makerCommission,
    takerCommission: spec.takerCommission,
    quoteAmountPrecisionMarket: spec.quoteAmountPrecision,
    maxQuoteAmountMarket: spec.maxQuoteAmount,
    fullName: spec.baseAsset,
    tradeSideType: '1',
  };
}

export const price = (value: number, spec: SymbolSpec) => value.toFixed(spec.quoteAssetPrecision);
export { str };
