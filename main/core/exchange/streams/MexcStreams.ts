import type { Clock, TimerHandle, Timers } from '../../clock';
import { candleFromPush, HeldCandles, type StreamCandle } from './HeldCandles';
import type { AccountBody, BookTickerBody, DealBody, LimitDepthBody, PushFrame } from './mexcPushProto';
import { StreamConnection } from './StreamConnection';

/** MEXC's production WebSocket (MEXC's Spot v3 docs, WebSocket). */
export const MEXC_WS_URL = 'wss://wbs-api.mexc.com/ws';
/**
 * A listenKey lives 60 min from its last renewal (MEXC's Spot v3 docs, user
 * data streams; MEXC suggests renewing every 30). Renewing every 50 leaves 10
 * minutes for a failed renewal to be retried (every LISTEN_KEY_RETRY_MS, each
 * attempt itself retried with backoff) before the key lapses: 29 calls a day
 * instead of 48. Should it lapse anyway, MEXC closes the stream and the
 * reconnect asks for a new key.
 */
export const LISTEN_KEY_RENEW_MS = 50 * 60_000;
export const LISTEN_KEY_RETRY_MS = 60_000;
/** The public trades kept per symbol: more than any view shows. */
const DEALS_KEPT = 200;
/** The depth pushed in full on every change: the levels the order book panel shows. */
export const STREAM_DEPTH_LEVELS = 20;

export const channelsFor = (marketId: string) => ({
  bookTicker: `spot@public.aggre.bookTicker.v3.api.pb@100ms@${marketId}`,
  deals: `spot@public.aggre.deals.v3.api.pb@100ms@${marketId}`,
  depth: `spot@public.limit.depth.v3.api.pb@${marketId}@${STREAM_DEPTH_LEVELS}`,
});
export const ACCOUNT_CHANNEL = 'spot@private.account.v3.api.pb';
/** The account's orders and fills as they change (MEXC's Spot v3 docs, user data streams): the cue to read them now. */
export const ORDERS_CHANNEL = 'spot@private.orders.v3.api.pb';
export const FILLS_CHANNEL = 'spot@private.deals.v3.api.pb';

/**
 * ccxt timeframes MEXC streams as klines (MEXC's Spot v3 docs, kline
 * streams). Months are left out: their length varies, and a cached series
 * expires by the timeframe's length.
 */
export const STREAM_KLINE_INTERVALS: Readonly<Record<string, string>> = {
  '1m': 'Min1',
  '5m': 'Min5',
  '15m': 'Min15',
  '30m': 'Min30',
  '1h': 'Min60',
  '4h': 'Hour4',
  '1d': 'Day1',
  '1w': 'Week1',
};
export const klineChannel = (marketId: string, interval: string) => `spot@public.kline.v3.api.pb@${marketId}@${interval}`;
/** Candles older than this are dropped: the 24 h statistics read back 24 h and 5 min, a forming candle only itself. */
const CANDLES_KEPT_MS = 25 * 3_600_000;

export interface UserDataKeys {
  /** POST /api/v3/userDataStream (through the client: weighed, retried, counted) */
  create(): Promise<string>;
  /** PUT /api/v3/userDataStream */
  renew(listenKey: string): Promise<void>;
}

export interface MexcStreamsOptions {
  url: string;
  /** the data's clock: when a push arrived, for freshness */
  clock: Clock;
  timers: Timers;
  userData?: UserDataKeys;
  onError?: (message: string) => void;
  /** an order of the account changed or filled: its REST state is worth reading now */
  onAccountActivity?: () => void;
}

export interface StreamBook {
  bids: [string, string][];
  asks: [string, string][];
  version: string;
  receivedAt: number;
}

/**
 * MEXC's push streams, held as the latest state per symbol: book ticker,
 * public deals, top-20 depth, klines, and (with keys) balance changes. Each getter
 * answers null unless its channel is subscribed on an open connection and
 * has data, so a reader falls back to REST whenever the stream cannot vouch.
 */
export class MexcStreams {
  private readonly market: StreamConnection;
  private user: StreamConnection | null = null;
  private readonly books = new Map<string, BookTickerBody & { receivedAt: number }>();
  private readonly depths = new Map<string, StreamBook>();
  private readonly deals = new Map<string, DealBody[]>();
  private readonly accountChanges: AccountBody[] = [];
  /** by kline channel */
  private readonly candles = new Map<string, HeldCandles>();
  private listenKey: string | null = null;
  /** bumped on every drop: a REST seed taken under an older generation is stale */
  marketGeneration = 0;
  accountGeneration = 0;
  private listenKeyRenewedAt = 0;
  private renewTimer: TimerHandle | null = null;

  constructor(private readonly options: MexcStreamsOptions) {
    this.market = new StreamConnection({
      url: async () => options.url,
      timers: options.timers,
      onPush: (frame) => this.onPush(frame),
      // Anything held from a dropped connection may have missed changes: start clean.
      onLiveChange: (live) => live || this.forgetMarketData(),
      onError: options.onError,
    });
  }

  /** Subscribe to a symbol's public channels (idempotent). */
  watch(marketId: string): void {
    this.market.subscribe(Object.values(channelsFor(marketId)));
  }

  /** Subscribe to a symbol's klines of one interval (Min1 … Week1; idempotent). */
  watchKlines(marketId: string, interval: string): void {
    this.market.subscribe([klineChannel(marketId, interval)]);
  }

  /**
   * The candles held for a kline channel (pushed since the subscription, plus
   * REST seeds given to `seedCandles`), or null while it is not subscribed.
   */
  heldCandles(marketId: string, interval: string): HeldCandles | null {
    const channel = klineChannel(marketId, interval);
    if (!this.market.isSubscribed(channel)) return null;
    return this.candlesOf(channel);
  }

  /** The newest pushed candle of a kline channel: the forming one. Null while not subscribed or before the first push. */
  formingCandle(marketId: string, interval: string): StreamCandle | null {
    return this.heldCandles(marketId, interval)?.newest() ?? null;
  }

  /** Add candles read over REST, unless the connection dropped since they were asked for (then they may have missed pushes). */
  seedCandles(marketId: string, interval: string, candles: StreamCandle[], generation: number): void {
    if (generation !== this.marketGeneration) return;
    const held = this.candlesOf(klineChannel(marketId, interval));
    candles.forEach((candle) => held.put(candle));
  }

  /** Subscribe to balance changes (idempotent; needs keys). */
  watchAccount(): void {
    const userData = this.options.userData;
    if (!userData || this.user) return;
    this.user = new StreamConnection({
      url: async () => {
        this.listenKey = await userData.create();
        this.listenKeyRenewedAt = this.options.clock.now();
        return `${this.options.url}?listenKey=${this.listenKey}`;
      },
      timers: this.options.timers,
      onPush: (frame) => this.onPush(frame),
      onLiveChange: (live) => {
        if (live) return;
        this.accountChanges.length = 0;
        this.accountGeneration++;
      },
      onError: this.options.onError,
    });
    this.user.subscribe([ACCOUNT_CHANNEL, ORDERS_CHANNEL, FILLS_CHANNEL]);
    this.scheduleRenewal();
  }

  bookTicker(marketId: string): (BookTickerBody & { receivedAt: number }) | null {
    return this.market.isSubscribed(channelsFor(marketId).bookTicker) ? (this.books.get(marketId) ?? null) : null;
  }

  depth(marketId: string): StreamBook | null {
    return this.market.isSubscribed(channelsFor(marketId).depth) ? (this.depths.get(marketId) ?? null) : null;
  }

  /** Deals pushed since the subscription (oldest first), or null while not subscribed. */
  dealsSince(marketId: string): DealBody[] | null {
    return this.market.isSubscribed(channelsFor(marketId).deals) ? (this.deals.get(marketId) ?? []) : null;
  }

  /** Whether balance pushes are flowing: a REST snapshot plus `takeAccountChanges` is then current. */
  get accountLive(): boolean {
    return this.user?.isSubscribed(ACCOUNT_CHANNEL) ?? false;
  }

  /** The balance changes pushed since the last call, oldest first. */
  takeAccountChanges(): AccountBody[] {
    return this.accountChanges.splice(0);
  }

  /**
   * Keep the listenKey alive: renews it when due. Called from reads as well as
   * its own timer, so a virtual day (whose timers may not run) renews too.
   */
  async renewListenKeyIfDue(): Promise<void> {
    const key = this.listenKey;
    const now = this.options.clock.now();
    if (!key || !this.options.userData || now - this.listenKeyRenewedAt < LISTEN_KEY_RENEW_MS) return;
    this.listenKeyRenewedAt = now;
    await this.options.userData.renew(key).catch((error: unknown) => {
      // Due again in a minute, not in 50: the key still has about ten to live.
      if (this.listenKey === key) this.listenKeyRenewedAt = now - LISTEN_KEY_RENEW_MS + LISTEN_KEY_RETRY_MS;
      this.options.onError?.(`listenKey renewal failed: ${(error as Error).message}`);
    });
  }

  get reconnects(): number {
    return this.market.reconnects + (this.user?.reconnects ?? 0);
  }

  close(): void {
    this.market.close();
    this.user?.close();
    if (this.renewTimer) this.options.timers.clearTimeout(this.renewTimer);
  }

  private scheduleRenewal() {
    // Checked every minute, so a failed renewal is retried on time; renewListenKeyIfDue decides whether one is due.
    this.renewTimer = this.options.timers.setTimeout(async () => {
      await this.renewListenKeyIfDue();
      this.scheduleRenewal();
    }, LISTEN_KEY_RETRY_MS);
  }

  private onPush(frame: PushFrame) {
    const receivedAt = this.options.clock.now();
    const marketId = frame.symbol ?? frame.channel.split('@').at(-1) ?? '';
    if (frame.publicAggreBookTicker) this.books.set(marketId, { ...frame.publicAggreBookTicker, receivedAt });
    else if (frame.publicLimitDepths) this.depths.set(marketId, toBook(frame.publicLimitDepths, receivedAt));
    else if (frame.publicAggreDeals) {
      const held = this.deals.get(marketId) ?? [];
      held.push(...frame.publicAggreDeals.deals);
      this.deals.set(marketId, held.slice(-DEALS_KEPT));
    } else if (frame.publicSpotKline) {
      const held = this.candlesOf(frame.channel);
      held.put(candleFromPush(frame.publicSpotKline, receivedAt));
      held.dropBefore(receivedAt - CANDLES_KEPT_MS);
    } else if (frame.privateAccount) this.accountChanges.push(frame.privateAccount);
    // Only a cue: the fill itself is read over REST by the same path as the poll, so the journal has one source.
    else if (frame.privateOrders || frame.privateDeals) this.options.onAccountActivity?.();
  }

  private candlesOf(channel: string): HeldCandles {
    let held = this.candles.get(channel);
    if (!held) this.candles.set(channel, (held = new HeldCandles()));
    return held;
  }

  private forgetMarketData() {
    this.marketGeneration++;
    this.books.clear();
    this.depths.clear();
    this.deals.clear();
    this.candles.clear();
  }
}

function toBook(body: LimitDepthBody, receivedAt: number): StreamBook {
  const levels = (side: { price: string; quantity: string }[]) => side.map((l): [string, string] => [l.price, l.quantity]);
  return { bids: levels(body.bids), asks: levels(body.asks), version: body.version, receivedAt };
}
