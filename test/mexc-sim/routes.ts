import { randomBytes } from 'node:crypto';
import type { Account, ApiKey, Permission } from './Accounts';
import { dec, mul, plain, type Dec } from './Decimal';
import { MexcError } from './errors';
import { SIM_COINS } from './coins';
import { canceledOrderJson, coinConfigJson, depositAddressJson, myTradeJson, newOrderJson, orderJson, price, symbolJson, type ReferencePrice } from './format';
import { isOpen, type SimOrder } from './MatchingEngine';
import { DAY, MINUTE, PATH_EPOCH, type PublicTrade } from './PricePath';
import type { SimState } from './SimState';
import { findSymbol, SIM_SYMBOLS, type SymbolSpec } from './symbols';

export interface RouteContext {
  params: URLSearchParams;
  now: number;
  key: ApiKey | null;
  sim: SimState;
}

export interface Route {
  /** IP weight (MEXC's Spot v3 docs, endpoint weights); a function when it depends on the params */
  weight: number | ((params: URLSearchParams) => number);
  /** UID weight where MEXC states one */
  uidWeight?: number;
  signed?: Permission;
  handle(ctx: RouteContext): unknown;
}

const INTERVALS: Record<string, number> = {
  '1m': MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '60m': 60 * MINUTE,
  '4h': 240 * MINUTE,
  '1d': DAY,
  '1W': 7 * DAY,
  '1M': 0, // calendar months
};

function requireSymbol(params: URLSearchParams): SymbolSpec {
  const symbol = params.get('symbol');
  if (!symbol) throw MexcError.of('missingParam');
  const spec = findSymbol(symbol);
  if (!spec) throw MexcError.of('badSymbol');
  return spec;
}

function limitParam(params: URLSearchParams, fallback: number, max: number): number {
  const raw = params.get('limit');
  if (raw === null) return fallback;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit <= 0) throw MexcError.of('badParam');
  return Math.min(limit, max);
}

function timeParam(params: URLSearchParams, name: string): number | null {
  const raw = params.get(name);
  if (raw === null) return null;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw MexcError.of('badParam');
  return value;
}

/** startTime, no earlier than the market's listing (its path starts at PATH_EPOCH): nothing traded before it, so a window from before starts there. */
function listedStartTime(params: URLSearchParams): number | null {
  const asked = timeParam(params, 'startTime');
  return asked === null ? null : Math.max(asked, PATH_EPOCH);
}

/** Open time of the candle containing `time`. */
export function candleOpen(time: number, interval: string): number {
  if (interval === '1M') {
    const date = new Date(time);
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  }
  const length = INTERVALS[interval]!;
  // Weeks start on Monday 00:00 UTC; 1970-01-01 was a Thursday.
  const offset = interval === '1W' ? 4 * DAY : 0;
  return Math.floor((time - offset) / length) * length + offset;
}

function nextOpen(openTime: number, interval: string): number {
  if (interval === '1M') {
    const date = new Date(openTime);
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  }
  return openTime + INTERVALS[interval]!;
}

function ticker24h(ctx: RouteContext, spec: SymbolSpec) {
  const path = ctx.sim.paths.get(spec.symbol)!;
  const last = path.priceAt(ctx.now);
  // A rolling 24 h window in 5-minute steps, as MEXC computes it.
  const windowStart = Math.floor((ctx.now - DAY) / (5 * MINUTE)) * 5 * MINUTE;
  const open = path.priceAt(windowStart);
  const { low, high } = path.range(windowStart, ctx.now + 1);
  const kline = path.kline(windowStart, ctx.now - windowStart + MINUTE, ctx.now);
  const book = ctx.sim.engine.book(spec, ctx.now, 1);
  const change = last - open;
  return {
    symbol: spec.symbol,
    priceChange: change.toFixed(spec.quoteAssetPrecision),
    priceChangePercent: (change / open).toFixed(8),
    prevClosePrice: price(open, spec),
    lastPrice: price(last, spec),
    bidPrice: plain(book.bids[0]![0]),
    bidQty: plain(book.bids[0]![1]),
    askPrice: plain(book.asks[0]![0]),
    askQty: plain(book.asks[0]![1]),
    openPrice: price(open, spec),
    highPrice: price(high, spec),
    lowPrice: price(low, spec),
    volume: kline.volume.toFixed(spec.baseAssetPrecision),
    quoteVolume: kline.quoteVolume.toFixed(2),
    openTime: windowStart,
    closeTime: ctx.now,
    count: null,
  };
}

function findOrder(account: Account, params: URLSearchParams): SimOrder {
  const orderId = params.get('orderId');
  const clientId = params.get('origClientOrderId');
  if (!orderId && !clientId) throw MexcError.of('orderIdRequired');
  const order = orderId ? account.orders.get(orderId) : account.ordersByClientId.get(clientId!);
  const symbol = params.get('symbol');
  if (!order || (symbol && order.symbol !== symbol)) throw MexcError.of('unknownOrder');
  return order;
}

/** The public tape (REST trades and aggTrades, the deals stream): the newest `count` prints of [from, to], oldest first, own fills included. */
export function publicTrades(ctx: RouteContext, spec: SymbolSpec, count: number, from?: number, to?: number): PublicTrade[] {
  return ctx.sim.paths.get(spec.symbol)!.trades(from ?? 0, Math.min(to ?? ctx.now, ctx.now), count);
}

const account = (ctx: RouteContext) => ctx.key!.account;

/** The last price when the order was placed: what a MARKET order's answer shows as its price (see format.ts). */
const referencePrice = (ctx: RouteContext): ReferencePrice => (order) => {
  const spec = findSymbol(order.symbol)!;
  return dec(price(ctx.sim.paths.get(spec.symbol)!.priceAt(order.time), spec));
};

export const routes: Record<string, Route> = {
  'GET /api/v3/ping': { weight: 1, handle: () => ({}) },
  'GET /api/v3/time': { weight: 1, handle: (ctx) => ({ serverTime: ctx.now }) },
  'GET /api/v3/defaultSymbols': {
    weight: 1,
    handle: () => ({ code: 200, data: SIM_SYMBOLS.filter((s) => s.isSpotTradingAllowed).map((s) => s.symbol), msg: null }),
  },
  'GET /api/v3/exchangeInfo': {
    weight: 10,
    handle: (ctx) => {
      const one = ctx.params.get('symbol');
      const many = ctx.params.get('symbols')?.split(',');
      const wanted = one ? [one] : many;
      const specs = wanted ? wanted.map((symbol) => findSymbol(symbol) ?? (() => { throw MexcError.of('badSymbol'); })()) : SIM_SYMBOLS;
      return { timezone: 'CST', serverTime: ctx.now, rateLimits: [], exchangeFilters: [], symbols: specs.map(symbolJson) };
    },
  },
  'GET /api/v3/depth': {
    weight: 1,
    handle: (ctx) => {
      const spec = requireSymbol(ctx.params);
      const book = ctx.sim.engine.book(spec, ctx.now, limitParam(ctx.params, 100, 5000));
      return {
        lastUpdateId: book.updateId,
        bids: book.bids.map(([p, q]) => [plain(p), plain(q)]),
        asks: book.asks.map(([p, q]) => [plain(p), plain(q)]),
        timestamp: ctx.now,
      };
    },
  },
  'GET /api/v3/trades': {
    weight: 5,
    handle: (ctx) => {
      const spec = requireSymbol(ctx.params);
      return publicTrades(ctx, spec, limitParam(ctx.params, 500, 1000)).map((t) => ({
        id: null,
        price: price(t.price, spec),
        qty: t.qty.toFixed(spec.baseAssetPrecision),
        quoteQty: (t.qty * t.price).toFixed(spec.quoteAssetPrecision + spec.baseAssetPrecision),
        time: t.time,
        isBuyerMaker: t.buyerMaker,
        isBestMatch: true,
        tradeType: t.buyerMaker ? 'ASK' : 'BID',
      }));
    },
  },
  'GET /api/v3/aggTrades': {
    weight: 1,
    handle: (ctx) => {
      const spec = requireSymbol(ctx.params);
      const start = listedStartTime(ctx.params);
      const end = timeParam(ctx.params, 'endTime');
      // startTime and endTime must be sent together.
      if ((start === null) !== (end === null)) throw MexcError.of('badParam');
      return publicTrades(ctx, spec, limitParam(ctx.params, 500, 1000), start ?? undefined, end ?? undefined).map((t) => ({
        a: null,
        f: null,
        l: null,
        p: price(t.price, spec),
        q: t.qty.toFixed(spec.baseAssetPrecision),
        T: t.time,
        m: t.buyerMaker,
        M: true,
      }));
    },
  },
  'GET /api/v3/klines': {
    weight: 1,
    handle: (ctx) => {
      const spec = requireSymbol(ctx.params);
      const interval = ctx.params.get('interval');
      if (!interval) throw MexcError.of('missingParam');
      if (!(interval in INTERVALS)) throw MexcError.of('badParam', `: interval ${interval}`);
      const limit = limitParam(ctx.params, 500, 1000);
      const start = listedStartTime(ctx.params);
      const end = Math.min(timeParam(ctx.params, 'endTime') ?? ctx.now, ctx.now);
      const path = ctx.sim.paths.get(spec.symbol)!;
      const opens: number[] = [];
      if (start !== null) {
        for (let t = candleOpen(start, interval) < start ? nextOpen(candleOpen(start, interval), interval) : start; t <= end && opens.length < limit; t = nextOpen(t, interval)) opens.push(t);
      } else {
        for (let t = candleOpen(end, interval); opens.length < limit; ) {
          opens.unshift(t);
          const previous = interval === '1M' ? candleOpen(t - 1, '1M') : t - INTERVALS[interval]!;
          t = previous;
        }
      }
      // Counted back from the end, the window stops at the listing too.
      return opens.filter((openTime) => openTime >= PATH_EPOCH).map((openTime) => {
        const k = path.kline(openTime, nextOpen(openTime, interval) - openTime, ctx.now);
        return [k.openTime, price(k.open, spec), price(k.high, spec), price(k.low, spec), price(k.close, spec), k.volume.toFixed(spec.baseAssetPrecision), k.closeTime, k.quoteVolume.toFixed(2)];
      });
    },
  },
  'GET /api/v3/avgPrice': {
    weight: 1,
    handle: (ctx) => {
      const spec = requireSymbol(ctx.params);
      const path = ctx.sim.paths.get(spec.symbol)!;
      let sum = 0;
      for (let i = 0; i < 5; i++) sum += path.priceAt(ctx.now - i * MINUTE);
      return { mins: 5, price: (sum / 5).toFixed(8) };
    },
  },
  'GET /api/v3/ticker/24hr': {
    weight: (params) => (params.get('symbol') ? 1 : 40),
    handle: (ctx) => (ctx.params.get('symbol') ? ticker24h(ctx, requireSymbol(ctx.params)) : SIM_SYMBOLS.map((spec) => ticker24h(ctx, spec))),
  },
  'GET /api/v3/ticker/price': {
    weight: (params) => (params.get('symbol') ? 1 : 2),
    handle: (ctx) => {
      const one = (spec: SymbolSpec) => ({ symbol: spec.symbol, price: price(ctx.sim.paths.get(spec.symbol)!.priceAt(ctx.now), spec) });
      return ctx.params.get('symbol') ? one(requireSymbol(ctx.params)) : SIM_SYMBOLS.map(one);
    },
  },
  'GET /api/v3/ticker/bookTicker': {
    weight: 1,
    handle: (ctx) => {
      const one = (spec: SymbolSpec) => {
        const book = ctx.sim.engine.book(spec, ctx.now, 1);
        return { symbol: spec.symbol, bidPrice: plain(book.bids[0]![0]), bidQty: plain(book.bids[0]![1]), askPrice: plain(book.asks[0]![0]), askQty: plain(book.asks[0]![1]) };
      };
      return ctx.params.get('symbol') ? one(requireSymbol(ctx.params)) : SIM_SYMBOLS.map(one);
    },
  },

  'GET /api/v3/account': {
    weight: 10,
    signed: 'SPOT_ACCOUNT_READ',
    handle: (ctx) => ({
      canTrade: ctx.key!.permissions.includes('SPOT_DEAL_WRITE'),
      canWithdraw: ctx.key!.permissions.includes('SPOT_WITHDRAW_WRITE'),
      canDeposit: false,
      updateTime: null,
      accountType: 'SPOT',
      balances: [...account(ctx).balances.entries()]
        .filter(([, asset]) => asset.free > 0n || asset.locked > 0n)
        .map(([asset, { free, locked }]) => ({ asset, free: plain(free), locked: plain(locked) })),
      permissions: ['SPOT'],
    }),
  },
  'POST /api/v3/order': {
    weight: 1,
    uidWeight: 1,
    signed: 'SPOT_DEAL_WRITE',
    handle: (ctx) => newOrderJson(placeOrder(ctx, false), referencePrice(ctx)),
  },
  'POST /api/v3/order/test': {
    weight: 1,
    signed: 'SPOT_DEAL_WRITE',
    handle: (ctx) => {
      placeOrder(ctx, true);
      return {};
    },
  },
  'GET /api/v3/order': { weight: 2, signed: 'SPOT_DEAL_READ', handle: (ctx) => orderJson(findOrder(account(ctx), ctx.params), referencePrice(ctx)) },
  'DELETE /api/v3/order': {
    weight: 1,
    signed: 'SPOT_DEAL_WRITE',
    handle: (ctx) => {
      const spec = requireSymbol(ctx.params);
      const order = findOrder(account(ctx), ctx.params);
      return canceledOrderJson(ctx.sim.engine.cancel(account(ctx), spec, order, ctx.now), referencePrice(ctx));
    },
  },
  'GET /api/v3/openOrders': {
    weight: 3,
    signed: 'SPOT_DEAL_READ',
    handle: (ctx) => {
      const symbols = (ctx.params.get('symbol') ?? '').split(',').filter(Boolean);
      if (symbols.length === 0) throw MexcError.of('missingParam');
      if (symbols.length > 5) throw MexcError.of('badParam');
      return [...account(ctx).orders.values()].filter((o) => isOpen(o) && symbols.includes(o.symbol)).slice(0, 1000).map((o) => orderJson(o, referencePrice(ctx)));
    },
  },
  'DELETE /api/v3/openOrders': {
    weight: 1,
    signed: 'SPOT_DEAL_WRITE',
    handle: (ctx) => {
      const symbols = (ctx.params.get('symbol') ?? '').split(',').filter(Boolean);
      if (symbols.length === 0) throw MexcError.of('missingParam');
      if (symbols.length > 5) throw MexcError.of('badParam');
      const open = [...account(ctx).orders.values()].filter((o) => isOpen(o) && symbols.includes(o.symbol));
      return open.map((order) => canceledOrderJson(ctx.sim.engine.cancel(account(ctx), findSymbol(order.symbol)!, order, ctx.now), referencePrice(ctx)));
    },
  },
  'GET /api/v3/allOrders': {
    weight: 10,
    signed: 'SPOT_DEAL_READ',
    handle: (ctx) => {
      const spec = requireSymbol(ctx.params);
      const end = timeParam(ctx.params, 'endTime') ?? ctx.now;
      // Default window: the last 24 h; at most 7 days back.
      const start = Math.max(timeParam(ctx.params, 'startTime') ?? end - DAY, ctx.now - 7 * DAY);
      return [...account(ctx).orders.values()]
        .filter((o) => o.symbol === spec.symbol && o.time >= start && o.time <= end)
        .slice(-limitParam(ctx.params, 500, 1000))
        .map((o) => orderJson(o, referencePrice(ctx)));
    },
  },
  'GET /api/v3/myTrades': {
    weight: 10,
    signed: 'SPOT_ACCOUNT_READ',
    handle: (ctx) => {
      const spec = requireSymbol(ctx.params);
      const start = Math.max(timeParam(ctx.params, 'startTime') ?? 0, ctx.now - 30 * DAY);
      const end = timeParam(ctx.params, 'endTime') ?? ctx.now;
      const orderId = ctx.params.get('orderId');
      const trades = account(ctx).trades.filter(
        (t) => t.symbol === spec.symbol && t.time >= start && t.time <= end && (!orderId || t.orderId === orderId),
      );
      const limit = limitParam(ctx.params, 100, 100);
      return (ctx.params.get('startTime') ? trades.slice(0, limit) : trades.slice(-limit)).map(myTradeJson);
    },
  },
  'GET /api/v3/tradeFee': {
    weight: 20,
    signed: 'SPOT_ACCOUNT_READ',
    handle: (ctx) => {
      const spec = requireSymbol(ctx.params);
      return { data: { makerCommission: Number(spec.makerCommission), takerCommission: Number(spec.takerCommission) }, code: 0, msg: 'success', timestamp: ctx.now };
    },
  },
  'GET /api/v3/capital/config/getall': { weight: 10, signed: 'SPOT_ACCOUNT_READ', handle: () => SIM_COINS.map(coinConfigJson) },
  'GET /api/v3/capital/deposit/address': {
    weight: 10,
    signed: 'SPOT_WITHDRAW_READ',
    handle: (ctx) => {
      if (!ctx.params.get('coin')) throw MexcError.of('missingParam');
      const coin = SIM_COINS.find((c) => c.coin === ctx.params.get('coin'));
      if (!coin) throw MexcError.of('badParam');
      const wanted = ctx.params.get('network');
      const networks = coin.networks.filter((n) => wanted === null || n.netWork === wanted || n.network === wanted);
      // One address per account and network, stable across calls.
      return networks.map((n) => depositAddressJson(coin, n, `sim${account(ctx).uid}${coin.coin}${n.netWork}`.toLowerCase()));
    },
  },
  'POST /api/v3/userDataStream': {
    weight: 1,
    signed: 'SPOT_ACCOUNT_READ',
    handle: (ctx) => {
      const listenKey = randomBytes(32).toString('hex');
      account(ctx).listenKeys.set(listenKey, ctx.now + 60 * MINUTE);
      return { listenKey };
    },
  },
  'PUT /api/v3/userDataStream': { weight: 1, signed: 'SPOT_ACCOUNT_READ', handle: (ctx) => renewListenKey(ctx, 60 * MINUTE) },
  'DELETE /api/v3/userDataStream': { weight: 1, signed: 'SPOT_ACCOUNT_READ', handle: (ctx) => renewListenKey(ctx, null) },
};

function renewListenKey(ctx: RouteContext, lifetime: number | null) {
  const listenKey = ctx.params.get('listenKey');
  if (!listenKey) throw MexcError.of('missingParam');
  const keys = account(ctx).listenKeys;
  const expiry = keys.get(listenKey);
  if (expiry === undefined || expiry < ctx.now) throw new MexcError(400, 730706, 'listenKey does not exist');
  if (lifetime === null) keys.delete(listenKey);
  else keys.set(listenKey, ctx.now + lifetime);
  return { listenKey };
}

function placeOrder(ctx: RouteContext, dryRun: boolean): SimOrder {
  const spec = requireSymbol(ctx.params);
  const p = (name: string) => ctx.params.get(name) ?? undefined;
  return ctx.sim.engine.place(
    account(ctx),
    spec,
    { symbol: spec.symbol, side: p('side'), type: p('type'), quantity: p('quantity'), quoteOrderQty: p('quoteOrderQty'), price: p('price'), newClientOrderId: p('newClientOrderId') },
    ctx.now,
    dryRun,
  );
}

export const notionalOf = (qty: Dec, px: Dec) => mul(qty, px);
export { dec };
