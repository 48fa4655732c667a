import path from 'node:path';
import { z } from 'zod';
import { Decimal, DecimalStringSchema, type DecimalLike } from '../../../shared/decimal';
import type { Clock } from '../clock';
import { promises as fs } from 'node:fs';
import { JsonFileStore, type JsonFileCorruptError } from '../storage/JsonFileStore';
import { BrokerError, BrokerFillSchema, BrokerOrderSchema, type BalanceEntry, type Broker, type BrokerBalances, type BrokerFill, type BrokerOrder } from './Broker';
import type { MarketInfo } from './MarketInfo';
import type { PlaceOrderRequest } from './OrderIntent';
import { SerialQueue } from '../SerialQueue';

/**
 * Paper trading, the default mode: orders fill against live prices, the
 * wallet lives in the data folder (paper-wallet.json, written atomically after
 * every change), and every amount is an exact decimal.
 *
 * The fill model (README, "Paper trading"; issue #15), kept simple and stated:
 * - A limit order that crosses the book when placed (a buy at or above the
 *   best ask) fills at once against the ask levels up to its price, as taker;
 *   with no book, against the last price. What is left rests.
 * - A resting order joins the back of the queue at its price: the quantity
 *   the book shows on its side at exactly that price when it is placed is
 *   ahead of it (none if the book shows no such level).
 * - It fills from the tape, as maker, at its own price: a public trade at its
 *   price first uses up the queue ahead, and what is left of the trade fills
 *   the order; a trade through its price (below a buy's, above a sell's)
 *   means the level was swept: the queue is gone and the trade fills the
 *   order up to the trade's size. Each trade that fills is a fill of its own
 *   (partial fills), and one trade's size is shared by the open orders in the
 *   order they were placed. Only trades after the order was placed count.
 * - Each public trade counts once: MEXC's trades carry no id, so one is known
 *   by its time, price, amount and side (MEXC merges trades equal in all of
 *   these into one row), and the wallet keeps the newest trade time it has
 *   counted (and the trades at that time): older or known trades are skipped,
 *   in this view, the next one and after a restart. Trades that happened
 *   while the app was closed count on the next start if they are still in
 *   the trades read then (the order rested on the book meanwhile).
 * - No tape (the deals stream down and the REST trades failing): a resting
 *   order fills whole only when the price goes THROUGH it (a best ask or last
 *   price strictly below a buy's price), never on a touch. Conservative: a
 *   touch needs the queue to clear, which only the tape can show.
 * - Book depth is a snapshot: it is not used up across separate orders, and
 *   while the tape is there the book alone never fills a resting order (the
 *   same levels seen in every view would be counted again and again).
 * - A wallet rebuilt from the journal counts trades from the rebuild on, with
 *   no queue ahead of its resting orders (the queue was not journaled).
 * - Fees use the market's maker/taker rates and come out of what is received
 *   (QRL on a buy, USDT on a sell), as on MEXC without MX deduction.
 * - Like MEXC, a price off the tick, an amount off the step or below the
 *   minimums is refused (INVALID_ORDER), and so is an order the free balance
 *   cannot cover (INSUFFICIENT_FUNDS).
 *
 * Over 300 lines for a reason: matching, fills and balances change one wallet
 * behind one queue (mutate), saved after each change; split, the wallet's
 * invariants (free + used, fills ↔ orders, trades counted once) would be kept
 * in several files.
 */

export const PAPER_WALLET_FILE = 'paper-wallet.json';

/** One public trade off MEXC's tape (aggTrades, or the deals stream). */
export interface TapeTrade {
  price: DecimalLike;
  amount: DecimalLike;
  timestamp: number;
  /** the taker's side, when known */
  side?: 'buy' | 'sell' | null;
}

export interface MarketView {
  /** [price, amount] levels, best (highest) first */
  bids?: readonly (readonly [DecimalLike, DecimalLike])[];
  /** [price, amount] levels, best (lowest) first */
  asks?: readonly (readonly [DecimalLike, DecimalLike])[];
  /** last traded price */
  last?: DecimalLike | null;
  /**
   * The latest public trades, in any order, old ones included (they are
   * skipped): undefined when no tape could be read, which is not the same as
   * an empty tape (nothing traded).
   */
  trades?: readonly TapeTrade[];
}

/** A paper order as the journal remembers it, for `rebuild`. */
export interface ReplayedOrder {
  request: PlaceOrderRequest;
  orderId: string;
  time: number;
  fills: readonly { id: string; price: string; amount: string; fee?: string; feeCurrency?: string; timestamp: number }[];
  canceled: boolean;
}

export interface PaperBrokerOptions {
  /** the app's data folder: the wallet is kept there */
  dataDir: string;
  market: MarketInfo;
  clock: Clock;
  /** the wallet a first start (no file yet) begins with, e.g. { USDT: "1000" } */
  initialBalances?: Readonly<Record<string, DecimalLike>>;
}

const WalletSchema = z.object({
  version: z.literal(1),
  /** per asset: free and locked (ccxt's `used`) */
  balances: z.record(z.string(), z.object({ free: DecimalStringSchema, used: DecimalStringSchema })),
  orders: z.array(BrokerOrderSchema),
  fills: z.array(BrokerFillSchema),
  /** ids keep counting across resets, so no id ever means two orders */
  nextOrderNumber: z.number().int().positive(),
  nextFillNumber: z.number().int().positive(),
  /** set when a lost wallet could not be rebuilt: its balances would be invented, so it trades nothing until reset */
  needsReset: z.literal(true).optional(),
  /** per open order id: the quantity still queued ahead of it at its price */
  queueAhead: z.record(z.string(), DecimalStringSchema).optional(),
  /** the newest public trade time counted, and the keys of the trades counted at that time */
  tape: z.object({ time: z.number().int(), keys: z.array(z.string()) }).optional(),
});
type Wallet = z.infer<typeof WalletSchema>;

const emptyWallet = (balances: Readonly<Record<string, DecimalLike>>, numbers = { nextOrderNumber: 1, nextFillNumber: 1 }): Wallet => ({
  version: 1,
  balances: Object.fromEntries(Object.entries(balances).map(([asset, free]) => [asset, { free: nonNegative(free, asset), used: '0' }])),
  orders: [],
  fills: [],
  ...numbers,
});

/** MEXC's trades have no id: time, price, amount and taker side tell them apart (MEXC merges trades equal in all four). */
const tradeKey = (trade: TapeTrade) => `${trade.timestamp}:${Decimal.from(trade.price).toString()}:${Decimal.from(trade.amount).toString()}:${trade.side ?? ''}`;

function nonNegative(value: DecimalLike, asset: string): string {
  const amount = Decimal.from(value);
  if (amount.isNegative()) throw new BrokerError('INVALID_ORDER', `a paper balance cannot be negative (${asset} ${amount.toString()})`);
  return amount.toString();
}

export class PaperBroker implements Broker {
  readonly kind = 'paper' as const;
  private view: MarketView = {};
  /** set when a queue position changes: a market view that moved only the tape cursor is not worth a save */
  private queueMoved = false;
  /** every change and read, one at a time in call order (a read never sees a change half made) */
  private readonly turns = new SerialQueue();

  private constructor(
    private readonly store: JsonFileStore<typeof WalletSchema>,
    private wallet: Wallet,
    private readonly market: MarketInfo,
    private readonly clock: Clock,
    /** what was wrong with the wallet file when it was opened; null if nothing */
    readonly loadProblem: JsonFileCorruptError | null,
    /** true when there was no wallet file: a first start, or a file lost */
    readonly created: boolean,
  ) {}

  /** A wallet that could be neither loaded nor rebuilt: no paper order is placed until the user resets it. */
  get needsReset(): boolean {
    return this.wallet.needsReset === true;
  }

  /** Kept in the file, so a restart does not take the placeholder wallet for a real one. */
  async markNeedsReset(): Promise<void> {
    await this.mutate(() => {
      this.wallet.needsReset = true;
    });
  }


  /** Opens the wallet in `dataDir`, or starts one from `initialBalances`. */
  static async open(options: PaperBrokerOptions): Promise<PaperBroker> {
    const initial = options.initialBalances ?? {};
    const store = new JsonFileStore({
      file: path.join(options.dataDir, PAPER_WALLET_FILE),
      schema: WalletSchema,
      defaults: () => emptyWallet(initial),
      clock: options.clock,
    });
    const created = await fs.access(store.file).then(
      () => false,
      () => true,
    );
    const { value, problem } = await store.load();
    return new PaperBroker(store, value, options.market, options.clock, problem, created && problem === null);
  }

  /**
   * Rebuilds the wallet from the journal's facts: the balances it last
   * (re)started with, then every paper order accepted since, with its
   * journaled fills (their own fees) and cancellation. Returns what was replayed.
   */
  async rebuild(start: { balances: Readonly<Record<string, DecimalLike>> }, orders: readonly ReplayedOrder[]): Promise<{ orders: number; fills: number }> {
    return this.mutate(() => {
      // Ids keep counting as in a reset; numberFrom lifts them above every id the journal holds.
      const { nextOrderNumber, nextFillNumber } = this.wallet;
      this.wallet = emptyWallet(start.balances, { nextOrderNumber, nextFillNumber });
      // Which trades the lost wallet had counted is gone with it: count from now on, none twice.
      this.wallet.tape = { time: this.clock.now(), keys: [] };
      let fills = 0;
      for (const replayed of orders) {
        const order = this.lock(replayed.request, replayed.orderId, replayed.time);
        for (const fill of replayed.fills) {
          const fee = { cost: Decimal.from(fill.fee ?? '0'), currency: fill.feeCurrency ?? (order.side === 'buy' ? this.market.base : this.market.quote) };
          this.fill(order, Decimal.from(fill.price), Decimal.from(fill.amount), 'maker', fill.timestamp, { id: fill.id, fee });
          fills += 1;
        }
        if (replayed.canceled && order.status === 'open') this.cancel(order);
      }
      return { orders: orders.length, fills };
    });
  }

  /**
   * Order and fill numbers never go below these: a wallet started afresh (or
   * rebuilt) must not hand out an id the journal already holds for another order.
   */
  async numberFrom(next: { order: number; fill: number }): Promise<void> {
    await this.mutate(
      () => {
        const before = [this.wallet.nextOrderNumber, this.wallet.nextFillNumber];
        this.wallet.nextOrderNumber = Math.max(this.wallet.nextOrderNumber, next.order);
        this.wallet.nextFillNumber = Math.max(this.wallet.nextFillNumber, next.fill);
        return before[0] !== this.wallet.nextOrderNumber || before[1] !== this.wallet.nextFillNumber;
      },
      (changed) => changed,
    );
  }

  /** Empties the wallet (open orders and fills included) and starts again with these balances. */
  async reset(initialBalances: Readonly<Record<string, DecimalLike>>): Promise<BrokerBalances> {
    return this.mutate(() => {
      const { nextOrderNumber, nextFillNumber, tape } = this.wallet;
      this.wallet = { ...emptyWallet(initialBalances, { nextOrderNumber, nextFillNumber }), ...(tape ? { tape } : {}) };
      return this.balances();
    });
  }

  async placeOrder(request: PlaceOrderRequest): Promise<BrokerOrder> {
    return this.mutate(() => {
      const { market } = this;
      const invalid = (message: string) => new BrokerError('INVALID_ORDER', message);
      if (request.symbol !== market.symbol) throw invalid(`this paper broker trades ${market.symbol}, not ${request.symbol}`);
      if (request.type !== 'limit') throw invalid('only limit orders are supported');
      if (this.needsReset) throw invalid('the paper wallet could not be rebuilt: reset it before paper trading goes on');
      const price = Decimal.from(request.price);
      const amount = Decimal.from(request.amount);
      if (!price.isPositive() || !amount.isPositive()) throw invalid('price and amount must be above 0');
      if (!price.roundToStep(market.priceTick, 'down').eq(price)) throw invalid(`price ${price.toString()} is not a multiple of the tick ${market.priceTick}`);
      if (!amount.roundToStep(market.amountStep, 'down').eq(amount)) throw invalid(`amount ${amount.toString()} is not a multiple of the step ${market.amountStep}`);
      const cost = price.mul(amount);
      if (market.minAmount !== null && amount.lt(market.minAmount)) throw invalid(`amount ${amount.toString()} is below the minimum ${market.minAmount}`);
      if (market.minCost !== null && cost.lt(market.minCost)) throw invalid(`order value ${cost.toString()} is below the minimum ${market.minCost}`);
      if (market.maxCost !== null && cost.gt(market.maxCost)) throw invalid(`order value ${cost.toString()} is above the maximum ${market.maxCost}`);
      if (request.clientOrderId && this.wallet.orders.some((order) => order.clientOrderId === request.clientOrderId)) {
        throw new BrokerError('DUPLICATE_CLIENT_ORDER_ID', `an order with clientOrderId ${request.clientOrderId} already exists`);
      }

      const [lockAsset, lockAmount] = request.side === 'buy' ? [market.quote, cost] : [market.base, amount];
      const balance = this.balance(lockAsset);
      if (Decimal.from(balance.free).lt(lockAmount)) {
        throw new BrokerError('INSUFFICIENT_FUNDS', `the order needs ${lockAmount.toString()} ${lockAsset}, ${balance.free} is free`);
      }
      const now = this.clock.now();
      const order = this.lock(request, `paper-${this.wallet.nextOrderNumber++}`, now);
      this.takeLiquidity(order, now);
      if (order.status === 'open') this.joinQueue(order);
      return { ...order };
    });
  }

  /**
   * Feeds a new market view (order book, last price, the latest public
   * trades): resting orders fill from the trades not counted before, or, with
   * no tape, when the price went through them. Returns the fills it made.
   */
  async onMarket(view: MarketView, now: number = this.clock.now()): Promise<BrokerFill[]> {
    return this.mutate(() => {
      this.view = view;
      this.queueMoved = false;
      const fills = view.trades === undefined ? this.fillThroughPrice(view, now) : this.fillFromTape(this.uncountedTrades(view.trades), now);
      // A view that only moved the tape cursor is not worth a write: a placement or a fill saves it (see uncountedTrades).
      return { fills, changed: fills.length > 0 || this.queueMoved };
    }, (result) => result.changed).then((result) => result.fills);
  }

  async cancelOrder(id: string): Promise<BrokerOrder> {
    return this.mutate(() => {
      const order = this.wallet.orders.find((candidate) => candidate.id === id);
      if (!order) throw new BrokerError('ORDER_NOT_FOUND', `no paper order ${id}`);
      if (order.status !== 'open') throw new BrokerError('ORDER_NOT_FOUND', `paper order ${id} is ${order.status}, not open`);
      this.cancel(order);
      return { ...order };
    });
  }

  async cancelAll(): Promise<BrokerOrder[]> {
    return this.mutate(
      () => this.wallet.orders.filter((order) => order.status === 'open').map((order) => ({ ...this.cancel(order) })),
      (canceled) => canceled.length > 0,
    );
  }

  async fetchOpenOrders(): Promise<BrokerOrder[]> {
    return this.read(() => this.wallet.orders.filter((order) => order.status === 'open').map((order) => ({ ...order })));
  }

  async fetchBalance(): Promise<BrokerBalances> {
    return this.read(() => this.balances());
  }

  async fetchOrderByClientId(clientOrderId: string): Promise<BrokerOrder | null> {
    return this.read(() => {
      const order = this.wallet.orders.find((candidate) => candidate.clientOrderId === clientOrderId);
      return order ? { ...order } : null;
    });
  }

  async fetchMyTrades(since = 0, limit = Number.POSITIVE_INFINITY): Promise<BrokerFill[]> {
    return this.read(() => this.wallet.fills.filter((fill) => fill.timestamp >= since).slice(0, limit).map((fill) => structuredClone(fill)));
  }

  /** A new open order, its funds moved from free to locked. */
  private lock(request: PlaceOrderRequest, id: string, now: number): BrokerOrder {
    const price = Decimal.from(request.price);
    const amount = Decimal.from(request.amount);
    const [lockAsset, lockAmount] = request.side === 'buy' ? [this.market.quote, price.mul(amount)] : [this.market.base, amount];
    const balance = this.balance(lockAsset);
    balance.free = Decimal.from(balance.free).sub(lockAmount).toString();
    balance.used = Decimal.from(balance.used).add(lockAmount).toString();
    const order: BrokerOrder = {
      id,
      clientOrderId: request.clientOrderId || null,
      symbol: this.market.symbol,
      side: request.side,
      type: 'limit',
      price: price.toString(),
      amount: amount.toString(),
      filled: '0',
      remaining: amount.toString(),
      cost: '0',
      average: null,
      status: 'open',
      timestamp: now,
      lastUpdateTimestamp: now,
    };
    this.wallet.orders.push(order);
    return order;
  }

  /**
   * The trades of a view not counted yet, oldest first, and the cursor moved
   * past them. Moving it unsaved is safe: a trade seen again after a restart
   * finds the same open orders it did not fill before (an order placed since
   * was saved with the cursor), so only a fill or a queue change must be saved.
   */
  private uncountedTrades(trades: readonly TapeTrade[]): (TapeTrade & { key: string })[] {
    const cursor = this.wallet.tape ?? { time: Number.NEGATIVE_INFINITY, keys: [] };
    const known = new Set(cursor.keys);
    const fresh = new Map<string, TapeTrade & { key: string }>();
    for (const trade of trades) {
      const key = tradeKey(trade);
      if (trade.timestamp < cursor.time || (trade.timestamp === cursor.time && known.has(key))) continue;
      fresh.set(key, { ...trade, key });
    }
    const sorted = [...fresh.values()].sort((a, b) => a.timestamp - b.timestamp);
    const newest = sorted.at(-1);
    if (newest) {
      const atNewest = sorted.filter((t) => t.timestamp === newest.timestamp).map((t) => t.key);
      this.wallet.tape = { time: newest.timestamp, keys: newest.timestamp === cursor.time ? [...cursor.keys, ...atNewest] : atNewest };
    }
    return sorted;
  }

  /** Each trade's size goes to the open orders it reaches, oldest order first: the queue ahead at its price, then the order. */
  private fillFromTape(trades: readonly TapeTrade[], now: number): BrokerFill[] {
    const fills: BrokerFill[] = [];
    for (const trade of trades) {
      const price = Decimal.from(trade.price);
      let left = Decimal.from(trade.amount);
      for (const order of this.wallet.orders) {
        if (!left.isPositive()) break;
        if (order.status !== 'open' || trade.timestamp <= order.timestamp) continue;
        const limit = Decimal.from(order.price);
        const through = order.side === 'buy' ? price.lt(limit) : price.gt(limit);
        if (!through && !price.eq(limit)) continue;
        const ahead = through ? Decimal.ZERO : Decimal.from(this.wallet.queueAhead?.[order.id] ?? '0');
        const used = Decimal.min(ahead, left);
        left = left.sub(used);
        this.setQueue(order, ahead.sub(used));
        const take = Decimal.min(left, order.remaining);
        if (!take.isPositive()) continue;
        fills.push(this.fill(order, limit, take, 'maker', now));
        left = left.sub(take);
      }
    }
    return fills;
  }

  /** No tape: only a price through the order (never a touch) fills it, in full. */
  private fillThroughPrice(view: MarketView, now: number): BrokerFill[] {
    const bestAsk = view.asks?.[0] ? Decimal.from(view.asks[0][0]) : null;
    const bestBid = view.bids?.[0] ? Decimal.from(view.bids[0][0]) : null;
    const last = view.last === undefined || view.last === null ? null : Decimal.from(view.last);
    const fills: BrokerFill[] = [];
    for (const order of this.wallet.orders) {
      if (order.status !== 'open') continue;
      const price = Decimal.from(order.price);
      const through =
        order.side === 'buy'
          ? (bestAsk !== null && bestAsk.lt(price)) || (last !== null && last.lt(price))
          : (bestBid !== null && bestBid.gt(price)) || (last !== null && last.gt(price));
      if (through) fills.push(this.fill(order, price, Decimal.from(order.remaining), 'maker', now));
    }
    return fills;
  }

  /** A resting order goes to the back of its price level: what the book shows there now is ahead of it. */
  private joinQueue(order: BrokerOrder): void {
    const side = order.side === 'buy' ? this.view.bids : this.view.asks;
    const level = side?.find(([price]) => Decimal.from(price).eq(order.price));
    this.setQueue(order, level ? Decimal.from(level[1]) : Decimal.ZERO);
  }

  private setQueue(order: BrokerOrder, ahead: Decimal): void {
    if (!ahead.isPositive()) return this.leaveQueue(order);
    const queue = (this.wallet.queueAhead ??= {});
    if (queue[order.id] === ahead.toString()) return;
    queue[order.id] = ahead.toString();
    this.queueMoved = true;
  }

  private leaveQueue(order: BrokerOrder): void {
    if (!this.wallet.queueAhead || !(order.id in this.wallet.queueAhead)) return;
    delete this.wallet.queueAhead[order.id];
    this.queueMoved = true;
  }

  /** A new order that crosses the current view fills at once, as taker, level by level. */
  private takeLiquidity(order: BrokerOrder, now: number): void {
    const limit = Decimal.from(order.price);
    const levels = order.side === 'buy' ? this.view.asks : this.view.bids;
    const crosses = (levelPrice: Decimal) => (order.side === 'buy' ? levelPrice.lte(limit) : levelPrice.gte(limit));
    if (levels && levels.length > 0) {
      for (const [levelPriceLike, levelAmountLike] of levels) {
        const levelPrice = Decimal.from(levelPriceLike);
        if (!crosses(levelPrice) || order.status !== 'open') break;
        const take = Decimal.min(order.remaining, levelAmountLike);
        if (take.isPositive()) this.fill(order, levelPrice, take, 'taker', now);
      }
      return;
    }
    const last = this.view.last === undefined || this.view.last === null ? null : Decimal.from(this.view.last);
    if (last !== null && crosses(last)) this.fill(order, last, Decimal.from(order.remaining), 'taker', now);
  }

  /** `recorded`: a journaled fill being replayed keeps its own id and fee. */
  private fill(
    order: BrokerOrder,
    price: Decimal,
    amount: Decimal,
    takerOrMaker: 'taker' | 'maker',
    now: number,
    recorded?: { id: string; fee: { cost: Decimal; currency: string } },
  ): BrokerFill {
    const { market } = this;
    const rate = Decimal.from(takerOrMaker === 'maker' ? market.makerFee : market.takerFee);
    const cost = price.mul(amount);
    const base = this.balance(market.base);
    const quote = this.balance(market.quote);
    let fee: { cost: Decimal; currency: string };
    if (order.side === 'buy') {
      // The lock was limit × amount; a better price hands the difference back.
      const released = Decimal.from(order.price).mul(amount);
      quote.used = Decimal.from(quote.used).sub(released).toString();
      quote.free = Decimal.from(quote.free).add(released.sub(cost)).toString();
      fee = recorded?.fee ?? { cost: amount.mul(rate), currency: market.base };
      base.free = Decimal.from(base.free).add(amount.sub(fee.currency === market.base ? fee.cost : Decimal.ZERO)).toString();
    } else {
      base.used = Decimal.from(base.used).sub(amount).toString();
      fee = recorded?.fee ?? { cost: cost.mul(rate), currency: market.quote };
      quote.free = Decimal.from(quote.free).add(cost.sub(fee.currency === market.quote ? fee.cost : Decimal.ZERO)).toString();
    }
    const filled = Decimal.from(order.filled).add(amount);
    const totalCost = Decimal.from(order.cost).add(cost);
    order.filled = filled.toString();
    order.remaining = Decimal.from(order.amount).sub(filled).toString();
    order.cost = totalCost.toString();
    order.average = totalCost.div(filled, 12, 'half-up').toString();
    order.lastUpdateTimestamp = now;
    if (Decimal.from(order.remaining).isZero()) {
      order.status = 'closed';
      this.leaveQueue(order);
    }
    const fill: BrokerFill = {
      id: recorded?.id ?? `paper-fill-${this.wallet.nextFillNumber++}`,
      orderId: order.id,
      clientOrderId: order.clientOrderId,
      symbol: order.symbol,
      side: order.side,
      price: price.toString(),
      amount: amount.toString(),
      cost: cost.toString(),
      fee: { cost: fee.cost.toString(), currency: fee.currency },
      takerOrMaker,
      timestamp: now,
    };
    this.wallet.fills.push(fill);
    return structuredClone(fill);
  }

  private cancel(order: BrokerOrder): BrokerOrder {
    const remaining = Decimal.from(order.remaining);
    const [asset, locked] = order.side === 'buy' ? [this.market.quote, Decimal.from(order.price).mul(remaining)] : [this.market.base, remaining];
    const balance = this.balance(asset);
    balance.used = Decimal.from(balance.used).sub(locked).toString();
    balance.free = Decimal.from(balance.free).add(locked).toString();
    order.status = 'canceled';
    this.leaveQueue(order);
    order.lastUpdateTimestamp = this.clock.now();
    return order;
  }

  private balance(asset: string): { free: string; used: string } {
    return (this.wallet.balances[asset] ??= { free: '0', used: '0' });
  }

  private balances(): BrokerBalances {
    const out: BrokerBalances = {};
    for (const asset of new Set([this.market.base, this.market.quote, ...Object.keys(this.wallet.balances)])) {
      const { free, used } = this.wallet.balances[asset] ?? { free: '0', used: '0' };
      const entry: BalanceEntry = { free, used, total: Decimal.from(free).add(used).toString() };
      out[asset] = entry;
    }
    return out;
  }

  /**
   * One change at a time, persisted before the caller hears about it. A change
   * that fails (a refused order) or cannot be saved leaves the wallet as it was.
   */
  private mutate<R>(change: () => R, changed: (result: R) => boolean = () => true): Promise<R> {
    return this.turns.run(async () => {
      const before = structuredClone(this.wallet);
      try {
        const result = change();
        if (changed(result)) await this.store.save(this.wallet);
        return result;
      } catch (error) {
        this.wallet = before;
        throw error;
      }
    });
  }

  private read<R>(look: () => R): Promise<R> {
    return this.turns.run(look);
  }
}
