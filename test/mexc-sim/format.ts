import { mul, plain, str, type Dec } from './Decimal';
import type { SimOrder, SimTrade } from './MatchingEngine';
import type { SimCoin, SimNetwork } from './coins';
import type { SymbolSpec } from './symbols';

/** JSON shapes exactly as MEXC's REST API prints them (numbers as strings, camelCase, its spellings). */
export const fmt = (value: Dec) => plain(value);

/**
 * The price an order answer shows: its own limit price, or for a MARKET order
 * the reference (last) price at placement, as real MEXC answers carry one
 * (ccxt's recorded mexc.json: a MARKET SELL of 1220 at "0.004327"; issue #15).
 */
export type ReferencePrice = (order: SimOrder) => Dec;

const shownPrice = (order: SimOrder, reference: ReferencePrice) => order.price ?? reference(order);

/**
 * The fields every order answer shares: a cancel's answer is exactly these.
 * `timeInForce` is null, as real MEXC sends it (ccxt's recorded answers): ccxt
 * then derives it from the type (LIMIT → GTC, MARKET → IOC, LIMIT_MAKER → PO).
 */
function orderCoreJson(order: SimOrder, reference: ReferencePrice) {
  return {
    symbol: order.symbol,
    orderId: order.orderId,
    orderListId: -1,
    clientOrderId: order.clientOrderId,
    price: fmt(shownPrice(order, reference)),
    origQty: fmt(order.origQty),
    executedQty: fmt(order.executedQty),
    cummulativeQuoteQty: fmt(order.cummulativeQuoteQty),
    status: order.status,
    timeInForce: null,
    type: order.type,
    side: order.side,
  };
}

/**
 * GET /api/v3/order, openOrders, allOrders. Real MEXC (ccxt's recorded answers):
 * stopPrice and icebergQty null, isWorking true whatever the status (a FILLED
 * MARKET SELL and a CANCELED LIMIT both say true), origQuoteOrderQty = price × origQty
 * unless the order was placed by quoteOrderQty.
 */
export function orderJson(order: SimOrder, reference: ReferencePrice) {
  const quoteOrderQty = order.origQuoteOrderQty > 0n ? order.origQuoteOrderQty : mul(shownPrice(order, reference), order.origQty);
  return {
    ...orderCoreJson(order, reference),
    stopPrice: null,
    icebergQty: null,
    time: order.time,
    updateTime: order.updateTime,
    isWorking: true,
    origQuoteOrderQty: fmt(quoteOrderQty),
  };
}

/** POST /api/v3/order: no status, no clientOrderId, no executedQty (and never a `code`). */
export function newOrderJson(order: SimOrder, reference: ReferencePrice) {
  return {
    symbol: order.symbol,
    orderId: order.orderId,
    orderListId: -1,
    price: fmt(shownPrice(order, reference)),
    origQty: fmt(order.origQty),
    type: order.type,
    side: order.side,
    transactTime: order.time,
  };
}

/** DELETE /api/v3/order (and each entry of DELETE openOrders). */
export function canceledOrderJson(order: SimOrder, reference: ReferencePrice) {
  return { origClientOrderId: order.clientOrderId, ...orderCoreJson(order, reference) };
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

/** GET /api/v3/capital/config/getall: one entry per coin (the shape of ccxt's mexc.js fetchCurrencies example). */
export function coinConfigJson(coin: SimCoin) {
  return {
    coin: coin.coin,
    name: coin.name,
    networkList: coin.networks.map((n) => ({
      coin: coin.coin,
      depositDesc: null,
      depositEnable: true,
      minConfirm: '0',
      name: coin.name,
      network: n.network,
      withdrawEnable: true,
      withdrawFee: n.withdrawFee,
      withdrawIntegerMultiple: null,
      withdrawMax: n.withdrawMax,
      withdrawMin: n.withdrawMin,
      sameAddress: false,
      contract: n.contract,
    })),
  };
}

/** GET /api/v3/capital/deposit/address: one entry per network (ccxt's recorded mexc.json). */
export function depositAddressJson(coin: SimCoin, network: SimNetwork, address: string) {
  return { coin: coin.coin, network: network.network, address, memo: null, chainName: network.network, chainDisplayName: network.network, netWork: network.netWork };
}
