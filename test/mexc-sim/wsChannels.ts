import type { PrivateDealBody, PrivateOrderBody, PushFrame } from '../../main/core/exchange/streams/mexcPushProto';
import type { Account } from './Accounts';
import { div, mul, plain, type Dec } from './Decimal';
import { price } from './format';
import { BOOK_LEVELS, type SimOrder, type SimTrade } from './MatchingEngine';
import { MINUTE } from './PricePath';
import { candleOpen, publicTrades } from './routes';
import type { SimState } from './SimState';
import { findSymbol, type SymbolSpec } from './symbols';

/**
 * MEXC's WebSocket kline intervals and the REST interval each one matches
 * (MEXC's Spot v3 docs, enums). Hour8 has no REST twin: its windows are
 * computed here.
 */
export const KLINE_INTERVALS = {
  Min1: '1m',
  Min5: '5m',
  Min15: '15m',
  Min30: '30m',
  Min60: '60m',
  Hour4: '4h',
  Hour8: null,
  Day1: '1d',
  Week1: '1W',
  Month1: '1M',
} as const;
export type KlineInterval = keyof typeof KLINE_INTERVALS;
const HOUR8 = 8 * 60 * MINUTE;

export type Channel =
  | { kind: 'bookTicker'; spec: SymbolSpec }
  | { kind: 'deals'; spec: SymbolSpec }
  | { kind: 'limitDepth'; spec: SymbolSpec; levels: number }
  | { kind: 'diffDepth'; spec: SymbolSpec; every: string }
  | { kind: 'kline'; spec: SymbolSpec; interval: KlineInterval }
  | { kind: 'account' }
  | { kind: 'orders' }
  | { kind: 'myDeals' };

/** What one subscription last pushed, so it pushes only what changed. */
export interface Subscription {
  channel: Channel;
  /** the last body pushed, as JSON (book ticker, limit depth, kline) */
  last: string;
  /** the newest public trade pushed (deals) */
  dealsUpTo: number;
  /** balances as last pushed (account) */
  balances?: Map<string, { free: bigint; locked: bigint }>;
  /** the book as last pushed, price → quantity per side, and its version (diff depth) */
  book?: { bids: Map<string, string>; asks: Map<string, string>; version: number };
  /** each order's state as last pushed (orders) */
  orderStates?: Map<string, { status: string; executed: Dec }>;
  /** how many of the account's fills were pushed (private deals) */
  fillsPushed?: number;
  /** the window the last kline push was about (klines) */
  klineOpen?: number;
}

/** Channel names as MEXC spells them (MEXC's Spot v3 docs, WebSocket channels); symbols must be uppercase. */
export function parseChannel(name: string, isPrivate: boolean): Channel | null {
  const privateChannels: Record<string, Channel> = {
    'spot@private.account.v3.api.pb': { kind: 'account' },
    'spot@private.orders.v3.api.pb': { kind: 'orders' },
    'spot@private.deals.v3.api.pb': { kind: 'myDeals' },
  };
  if (name in privateChannels) return isPrivate ? privateChannels[name]! : null;
  let match = /^spot@public\.aggre\.bookTicker\.v3\.api\.pb@(100ms|10ms)@([A-Z0-9]+)$/.exec(name);
  if (match) return withSpec(match[2]!, (spec) => ({ kind: 'bookTicker', spec }));
  match = /^spot@public\.aggre\.deals\.v3\.api\.pb@(100ms|10ms)@([A-Z0-9]+)$/.exec(name);
  if (match) return withSpec(match[2]!, (spec) => ({ kind: 'deals', spec }));
  match = /^spot@public\.limit\.depth\.v3\.api\.pb@([A-Z0-9]+)@(5|10|20)$/.exec(name);
  if (match) return withSpec(match[1]!, (spec) => ({ kind: 'limitDepth', spec, levels: Number(match![2]) }));
  match = /^spot@public\.aggre\.depth\.v3\.api\.pb@(100ms|10ms)@([A-Z0-9]+)$/.exec(name);
  if (match) return withSpec(match[2]!, (spec) => ({ kind: 'diffDepth', spec, every: match![1]! }));
  match = /^spot@public\.kline\.v3\.api\.pb@([A-Z0-9]+)@([A-Za-z0-9]+)$/.exec(name);
  if (match && match[2]! in KLINE_INTERVALS) return withSpec(match[1]!, (spec) => ({ kind: 'kline', spec, interval: match![2] as KlineInterval }));
  return null;
}

function withSpec(symbol: string, make: (spec: SymbolSpec) => Channel): Channel | null {
  const spec = findSymbol(symbol);
  return spec ? make(spec) : null;
}

/** A new subscription: the private and diff channels remember the state now, and push only what changes after it. */
export function subscribe(sim: SimState, channel: Channel, account: Account | null, now: number): Subscription {
  const subscription: Subscription = { channel, last: '', dealsUpTo: now };
  if (channel.kind === 'account' && account) subscription.balances = new Map([...account.balances].map(([asset, b]) => [asset, { ...b }]));
  if (channel.kind === 'orders' && account) subscription.orderStates = new Map([...account.orders].map(([id, o]) => [id, { status: o.status, executed: o.executedQty }]));
  if (channel.kind === 'myDeals' && account) subscription.fillsPushed = account.trades.length;
  if (channel.kind === 'diffDepth') {
    // MEXC's diff stream sends no snapshot: the client takes one from REST and syncs on the versions (MEXC's Spot v3 docs, local order book).
    const book = sim.engine.book(channel.spec, now, BOOK_LEVELS);
    subscription.book = { bids: levelMap(book.bids), asks: levelMap(book.asks), version: book.updateId };
  }
  return subscription;
}

/** The pushes a subscription owes now: nothing when nothing changed. */
export function framesFor(sim: SimState, name: string, subscription: Subscription, account: Account | null, now: number): PushFrame[] {
  const { channel } = subscription;
  const base = { channel: name, sendTime: now };
  switch (channel.kind) {
    case 'bookTicker': {
      const book = sim.engine.book(channel.spec, now, 1);
      const [bid, ask] = [book.bids[0], book.asks[0]];
      if (!bid || !ask) return [];
      const body = { bidPrice: plain(bid[0]), bidQuantity: plain(bid[1]), askPrice: plain(ask[0]), askQuantity: plain(ask[1]) };
      return changed(subscription, body) ? [{ ...base, symbol: channel.spec.symbol, publicAggreBookTicker: body }] : [];
    }
    case 'limitDepth': {
      const book = sim.engine.book(channel.spec, now, channel.levels);
      const level = ([p, q]: [bigint, bigint]) => ({ price: plain(p), quantity: plain(q) });
      const body = { asks: book.asks.map(level), bids: book.bids.map(level), eventType: `spot@public.limit.depth.v3.api.pb`, version: String(book.updateId) };
      return changed(subscription, body) ? [{ ...base, symbol: channel.spec.symbol, publicLimitDepths: body }] : [];
    }
    case 'diffDepth':
      return diffDepthFrames(sim, subscription, channel.spec, channel.every, base, now);
    case 'kline': {
      const frames: PushFrame[] = [];
      const { open } = klineWindow(channel.interval, now);
      const previous = subscription.klineOpen;
      // A window's last trades come after its last push on the clock's previous move: MEXC pushes while
      // trades happen, so a client holds each closed window's final state; push it before the next window.
      if (previous !== undefined && previous < open) {
        const closedAt = klineWindow(channel.interval, previous).end;
        const body = klineBody(sim, channel.spec, channel.interval, closedAt - 1, closedAt);
        if (changed(subscription, body)) frames.push({ ...base, symbol: channel.spec.symbol, publicSpotKline: body });
      }
      subscription.klineOpen = open;
      const body = klineBody(sim, channel.spec, channel.interval, now);
      if (changed(subscription, body)) frames.push({ ...base, symbol: channel.spec.symbol, publicSpotKline: body });
      return frames;
    }
    case 'deals': {
      const trades = publicTrades({ params: new URLSearchParams(), now, key: null, sim }, channel.spec, 100, subscription.dealsUpTo + 1, now);
      if (!trades.length) return [];
      subscription.dealsUpTo = trades.at(-1)!.time;
      const deals = trades.map((t) => ({ price: price(t.price, channel.spec), quantity: t.qty.toFixed(channel.spec.baseAssetPrecision), tradeType: t.buyerMaker ? 2 : 1, time: t.time }));
      return [{ ...base, symbol: channel.spec.symbol, publicAggreDeals: { deals, eventType: 'spot@public.aggre.deals.v3.api.pb@100ms' } }];
    }
    case 'account':
      return account ? accountFrames(subscription, account, base, now) : [];
    case 'orders':
      return account ? orderFrames(subscription, account, base) : [];
    case 'myDeals': {
      if (!account) return [];
      const fills = account.trades.slice(subscription.fillsPushed ?? account.trades.length);
      subscription.fillsPushed = account.trades.length;
      return fills.map((fill) => ({ ...base, symbol: fill.symbol, privateDeals: dealBody(fill) }));
    }
  }
}

/** The window [open, end) of `interval` that holds `time`: weeks from Monday UTC, months by the calendar (as REST klines). */
function klineWindow(interval: KlineInterval, time: number): { open: number; end: number } {
  const rest = KLINE_INTERVALS[interval];
  if (rest === null) {
    const open = Math.floor(time / HOUR8) * HOUR8;
    return { open, end: open + HOUR8 };
  }
  const open = candleOpen(time, rest);
  if (rest === '1M') {
    const date = new Date(open);
    return { open, end: Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) };
  }
  // Fixed-length windows: the one before ends where this one opens, so their distance is the length.
  return { open, end: 2 * open - candleOpen(open - 1, rest) };
}

/**
 * The candle of the window holding `time` as GET /api/v3/klines prints it at
 * `asOf` (the forming candle now, or a closed window at its end), window times in seconds.
 */
function klineBody(sim: SimState, spec: SymbolSpec, interval: KlineInterval, time: number, asOf = time) {
  const { open, end } = klineWindow(interval, time);
  const k = sim.paths.get(spec.symbol)!.kline(open, end - open, asOf);
  return {
    interval,
    windowStart: open / 1000,
    openingPrice: price(k.open, spec),
    closingPrice: price(k.close, spec),
    highestPrice: price(k.high, spec),
    lowestPrice: price(k.low, spec),
    volume: k.volume.toFixed(spec.baseAssetPrecision),
    amount: k.quoteVolume.toFixed(2),
    windowEnd: end / 1000,
  };
}

/**
 * One diff of the book since the last push: the levels whose quantity
 * changed, 0 for a level that left. fromVersion is the last toVersion + 1, so
 * a client sees a gap as a jump; versions come from the engine's book (the
 * same lastUpdateId GET /api/v3/depth answers) and only grow: a version that
 * did not grow pushes nothing.
 */
function diffDepthFrames(sim: SimState, subscription: Subscription, spec: SymbolSpec, every: string, base: { channel: string; sendTime: number }, now: number): PushFrame[] {
  const held = subscription.book!;
  const book = sim.engine.book(spec, now, BOOK_LEVELS);
  if (book.updateId <= held.version) return [];
  const [bids, asks] = [levelMap(book.bids), levelMap(book.asks)];
  const diff = (before: Map<string, string>, after: Map<string, string>) => [
    ...[...after].filter(([p, q]) => before.get(p) !== q).map(([p, q]) => ({ price: p, quantity: q })),
    ...[...before.keys()].filter((p) => !after.has(p)).map((p) => ({ price: p, quantity: '0' })),
  ];
  const body = { bids: diff(held.bids, bids), asks: diff(held.asks, asks), eventType: `spot@public.aggre.depth.v3.api.pb@${every}`, fromVersion: String(held.version + 1), toVersion: String(book.updateId) };
  if (!body.bids.length && !body.asks.length) return [];
  subscription.book = { bids, asks, version: book.updateId };
  return [{ ...base, symbol: spec.symbol, publicAggreDepths: body }];
}

const levelMap = (levels: [Dec, Dec][]) => new Map(levels.map(([p, q]) => [plain(p), plain(q)]));

/** One push per asset whose balance moved since the last look (none at subscription: the client reads REST first). */
function accountFrames(subscription: Subscription, account: Account, base: { channel: string; sendTime: number }, now: number): PushFrame[] {
  const previous = subscription.balances!;
  const frames: PushFrame[] = [];
  for (const [asset, { free, locked }] of account.balances) {
    const before = previous.get(asset) ?? { free: 0n, locked: 0n };
    if (before.free === free && before.locked === locked) continue;
    previous.set(asset, { free, locked });
    frames.push({
      ...base,
      privateAccount: {
        vcoinName: asset,
        coinId: asset,
        balanceAmount: plain(free),
        balanceAmountChange: plain(free - before.free),
        frozenAmount: plain(locked),
        frozenAmountChange: plain(locked - before.locked),
        type: 'ENTRUST',
        time: now,
      },
    });
  }
  return frames;
}

/** One push per order placed or changed (status or filled quantity) since the last look. */
function orderFrames(subscription: Subscription, account: Account, base: { channel: string; sendTime: number }): PushFrame[] {
  const states = subscription.orderStates!;
  const frames: PushFrame[] = [];
  for (const order of account.orders.values()) {
    const before = states.get(order.orderId);
    if (before && before.status === order.status && before.executed === order.executedQty) continue;
    states.set(order.orderId, { status: order.status, executed: order.executedQty });
    frames.push({ ...base, symbol: order.symbol, privateOrders: orderBody(order, order.executedQty - (before?.executed ?? 0n)) });
  }
  return frames;
}

/** MEXC's numeric order types and statuses on the private orders channel (MEXC's Spot v3 docs, enums). */
const WS_ORDER_TYPE: Record<SimOrder['type'], number> = { LIMIT: 1, LIMIT_MAKER: 2, IMMEDIATE_OR_CANCEL: 3, FILL_OR_KILL: 4, MARKET: 5 };
const WS_ORDER_STATUS: Record<SimOrder['status'], number> = { NEW: 1, FILLED: 2, PARTIALLY_FILLED: 3, CANCELED: 4, PARTIALLY_CANCELED: 5 };

function orderBody(order: SimOrder, lastDeal: Dec): PrivateOrderBody {
  const amount = order.origQuoteOrderQty > 0n ? order.origQuoteOrderQty : order.price !== null ? mul(order.price, order.origQty) : 0n;
  const remainQuantity = order.origQty > order.executedQty ? order.origQty - order.executedQty : 0n;
  const remainAmount = amount > order.cummulativeQuoteQty ? amount - order.cummulativeQuoteQty : 0n;
  return {
    id: order.orderId,
    clientId: order.clientOrderId ?? '',
    price: order.price === null ? '0' : plain(order.price),
    quantity: plain(order.origQty),
    amount: plain(amount),
    avgPrice: order.executedQty > 0n ? plain(div(order.cummulativeQuoteQty, order.executedQty)) : '0',
    orderType: WS_ORDER_TYPE[order.type],
    tradeType: order.side === 'BUY' ? 1 : 2,
    isMaker: order.type === 'LIMIT_MAKER',
    remainAmount: plain(remainAmount),
    remainQuantity: plain(remainQuantity),
    ...(lastDeal > 0n ? { lastDealQuantity: plain(lastDeal) } : {}),
    cumulativeQuantity: plain(order.executedQty),
    cumulativeAmount: plain(order.cummulativeQuoteQty),
    status: WS_ORDER_STATUS[order.status],
    createTime: order.time,
  };
}

function dealBody(fill: SimTrade): PrivateDealBody {
  return {
    price: plain(fill.price),
    quantity: plain(fill.qty),
    amount: plain(fill.quoteQty),
    tradeType: fill.isBuyer ? 1 : 2,
    isMaker: fill.isMaker,
    isSelfTrade: false,
    tradeId: fill.id,
    clientOrderId: fill.clientOrderId ?? '',
    orderId: fill.orderId,
    feeAmount: plain(fill.commission),
    feeCurrency: fill.commissionAsset,
    time: fill.time,
  };
}

function changed(subscription: Subscription, body: unknown): boolean {
  const text = JSON.stringify(body);
  if (text === subscription.last) return false;
  subscription.last = text;
  return true;
}
