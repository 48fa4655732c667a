import path from 'node:path';
import type { OHLCV as CcxtOHLCV } from 'ccxt';
import type { Decision, Fill, TradingMode } from '../../../shared/contract';
import { Decimal } from '../../../shared/decimal';
import type { Settings } from '../../../shared/settings';
import type { AlertInput } from '../alerts/AlertCenter';
import type { Clock } from '../clock';
import { OrderOutcomeUnknownError } from '../exchange/OrderOutcomeUnknownError';
import type { MexcClient } from '../exchange/MexcClient';
import type { Logger } from '../logging/Logger';
import type { Broker, BrokerFill, BrokerOrder } from '../trading/Broker';
import { clientOrderIdFor } from '../trading/clientOrderId';
import { DayStartPrice } from '../trading/DayStartPrice';
import { emaAccumulationStrategy, type OHLCV } from '../trading/emaAccumulationStrategy';
import { FillLedger } from '../trading/FillLedger';
import { loadInstallId } from '../trading/InstallId';
import { DuplicateClientOrderIdError, Journal, sameBroker, type BrokerRef, type JournalEntry } from '../trading/Journal';
import { localDateStamp, startOfLocalDay, systemUtcOffset, type UtcOffset } from '../trading/localDay';
import { marketInfoFromCcxt, type MarketInfo } from '../trading/MarketInfo';
import { PaperBroker, type MarketView } from '../trading/PaperBroker';
import { checkPreTrade } from '../trading/preTradeChecks';
import { reconcileOpenIntents } from '../trading/reconcileOpenIntents';
import { checkRiskLimits } from '../trading/riskLimits';
import { fillsOf, outcomeOf, submitOrder } from '../trading/submitOrder';
import { TradeHistory } from '../trading/TradeHistory';
import { exitsThatAlert, type CycleExit } from './cycleExits';
import { LiveBroker } from './LiveBroker';
import { BotOrders, ForeignOrderError } from './BotOrders';
import { rebuildPaperWallet } from './rebuildPaperWallet';
import { contractFills, tradingView, type TradingView } from './tradingView';

export const JOURNAL_FILE = 'journal.jsonl';
export const liveFillsFile = (account: string) => `fills-live-${account}.jsonl`;

export interface TradingEngineOptions {
  dataDir: string;
  symbol: string;
  clock: Clock;
  logger: Logger;
  client: () => MexcClient;
  /** a fingerprint of the saved API key (never the key); null with no keys */
  liveAccount: () => string | null;
  settings: () => Settings;
  raiseAlert(alert: AlertInput): void;
  onChange(): void;
  /** the user's time zone (tests fix it) */
  utcOffset?: UtcOffset;
}

/** What one broker looks like after the last refresh. */
interface BrokerState {
  ref: BrokerRef;
  /** every open order on that account, the bot's and others' */
  openOrders: BrokerOrder[];
  balances: Record<string, { free: string; used: string; total: string }> | null;
  /** the bot's own fills, complete (journal + persisted trade history) */
  fills: BrokerFill[];
}

/**
 * Strategy → pre-trade checks → risk limits → journal → broker, and back:
 * fills become alerts and history. Every intent is journaled (and flushed)
 * with the broker it goes to before it is sent; anything unfinished is
 * reconciled with that broker, whatever the mode, before new orders.
 */
export class TradingEngine {
  private journal: Journal | null = null;
  private orders: BotOrders | null = null;
  private paper: PaperBroker | null = null;
  private dayStartPrice: DayStartPrice | null = null;
  private live: { client: MexcClient; account: string; broker: LiveBroker; ledger: FillLedger } | null = null;
  private market: MarketInfo | null = null;
  private paperState: BrokerState | null = null;
  private liveState: BrokerState | null = null;
  private lastDecision: Decision | null = null;
  private lastExitValue: CycleExit | null = null;
  private killSwitch = false;
  private cycle: Promise<Decision> | null = null;
  private mode: TradingMode = 'dry-run';
  private readonly utcOffset: UtcOffset;

  constructor(private readonly options: TradingEngineOptions) {
    this.utcOffset = options.utcOffset ?? systemUtcOffset;
  }

  get decision(): Decision | null {
    return this.lastDecision;
  }

  /** how the last strategy run ended */
  get lastExit(): CycleExit | null {
    return this.lastExitValue;
  }

  get ready(): boolean {
    return this.paper !== null;
  }

  get killSwitchEngaged(): boolean {
    return this.killSwitch;
  }

  private opening: Promise<void> | null = null;

  /**
   * Opens the journal, the paper wallet and the mode's broker, then reconciles
   * what a crash may have left open. One opening at a time: market updates
   * that arrive meanwhile wait for it rather than open a second journal.
   */
  open(mode: TradingMode): Promise<void> {
    this.opening ??= this.openOnce(mode).finally(() => (this.opening = null));
    return this.opening;
  }

  private async openOnce(mode: TradingMode): Promise<void> {
    const { dataDir, clock } = this.options;
    if (!this.journal) {
      const journal = await Journal.open(path.join(dataDir, JOURNAL_FILE), clock);
      for (const problem of journal.problems) this.critical('journal', `Journal: ${problem.message}`);
      const { installId, problem } = await loadInstallId(dataDir, clock);
      if (problem) this.critical('install-id', problem);
      const dayStart = await DayStartPrice.open(dataDir, clock);
      if (dayStart.problem) this.critical('day-start', dayStart.problem.message);
      this.journal = journal;
      this.orders = new BotOrders(installId, journal);
      this.dayStartPrice = dayStart.dayStartPrice;
    }
    this.market ??= marketInfoFromCcxt((await this.options.client().market(this.options.symbol))!);
    this.paper ??= await this.openPaperWallet(this.journal, this.market);
    this.mode = mode;
    await this.recoverLostIntents();
    await this.reconcile();
    await this.refresh();
  }

  /** New orders go to this mode's broker; orders already out stay tracked where they are. */
  async setMode(mode: TradingMode): Promise<void> {
    this.mode = mode;
    // The switch is the user's decision and stands; a broker that cannot be read now is read on the next refresh.
    await this.refresh().catch((error: Error) => this.options.logger.warn(`After switching to ${mode}: ${error.message}`));
  }

  /** Settles once no strategy run is in flight (a stop waits for this). */
  async idle(): Promise<void> {
    await this.cycle?.catch(() => undefined);
  }

  /** Every unfinished intent is looked up, at the broker it went to, by clientOrderId before anything new is sent. */
  async reconcile(): Promise<number> {
    const { journal } = this.require();
    const report = await reconcileOpenIntents(journal, (entry) => this.brokerForIntent(entry), this.options.clock.now());
    if (report.settled.length > 0) this.options.logger.info(`Reconciled ${report.settled.length} unfinished order intent(s).`);
    for (const pending of report.pending) {
      this.options.raiseAlert({ severity: 'warning', kind: 'order', message: `Order ${pending.clientOrderId} is still unresolved: ${pending.error}`, dedupeKey: `pending:${pending.clientOrderId}` });
    }
    return report.settled.length;
  }

  /**
   * An intent whose journal line was damaged is looked up by the id still
   * legible in that line, at every broker that can be asked; what a broker
   * knows is journaled again ("recovered"), so the order stays the bot's,
   * tracked and counted. Once recovered, an id is not looked up again.
   */
  private async recoverLostIntents(): Promise<void> {
    const { journal, orders } = this.require();
    await this.ensureLive();
    const live = this.liveBroker();
    const brokers: [Broker, BrokerRef][] = [[this.paper!, { kind: 'paper' }]];
    if (live) brokers.unshift([live.broker, { kind: 'live', account: live.account }]);
    for (const clientOrderId of journal.lostIds(orders.installId)) {
      for (const [broker, ref] of brokers) {
        const order = await broker.fetchOrderByClientId(clientOrderId).catch(() => null);
        if (!order) continue;
        await journal.recordIntent({
          clientOrderId,
          intent: { symbol: order.symbol, side: order.side, type: 'limit', price: order.price, amount: order.amount, reason: 'recovered from the broker after its journal line was damaged' },
          broker: ref,
        });
        const fills = Decimal.from(order.filled).isPositive() ? await fillsOf(broker, order) : [];
        await journal.recordOutcome(clientOrderId, { status: outcomeOf(order), orderId: order.id, ...(fills.length > 0 ? { fills } : {}), message: 'recovered' });
        this.critical('journal', `Order ${clientOrderId} lost its journal line; it was found at the ${broker.kind} broker and journaled again.`);
        break;
      }
    }
  }

  /** One strategy run: never two at once. Orders only when `placeOrders`; otherwise it previews. */
  runCycle(trigger: string, { placeOrders }: { placeOrders: boolean }): Promise<Decision> {
    this.cycle ??= this.doCycle(trigger, placeOrders).finally(() => (this.cycle = null));
    return this.cycle;
  }

  /** The paper wallet fills against each fresh book, whatever the mode: its open orders stay tracked. */
  async onMarket(view: MarketView): Promise<void> {
    if (!this.paper) return;
    const fills = await this.paper.onMarket(view);
    if (fills.length > 0) await this.noteFills(fills, 'paper');
  }

  /** True while live fills must be read: live mode, or the bot's live orders kept open in dry-run. */
  get tracksLive(): boolean {
    return this.liveBroker() !== null && (this.mode === 'live' || this.hasOpenOwnOrders('live'));
  }

  /**
   * The live account read again: new fills (synced forward from the last one
   * known), open orders (an order placed by hand shows up here) and balances.
   */
  async pollLiveFills(): Promise<void> {
    const live = this.liveBroker();
    if (!live) return;
    const fresh = await this.syncLiveFills(live);
    if (fresh.length > 0) await this.noteFills(fresh, 'live');
    else await this.refresh();
  }

  /** Cancels one of the bot's own orders; an order the bot did not place is never touched. */
  async cancelOrder(id: string): Promise<BrokerOrder> {
    const { orders } = this.require();
    const paperOrder = this.paperState?.openOrders.find((o) => o.id === id);
    const liveOrder = this.liveState?.openOrders.find((o) => o.id === id);
    const target = paperOrder ? { broker: this.paper!, order: paperOrder } : liveOrder ? { broker: this.liveBroker()?.broker ?? null, order: liveOrder } : null;
    if (target && !orders.owns(target.order)) throw new ForeignOrderError(id);
    if (!target?.broker) throw new Error(`no open order ${id} of the bot's`);
    const canceled = await target.broker.cancelOrder(id);
    await this.refresh();
    return canceled;
  }

  /** Cancels the bot's own open orders at one broker (or both); others' orders stay. */
  async cancelOwnOrders(kind: 'paper' | 'live' | 'all' = 'all'): Promise<number> {
    const { orders } = this.require();
    await this.refresh();
    let canceled = 0;
    const targets: [Broker | null, BrokerState | null][] = [];
    if (kind !== 'live') targets.push([this.paper, this.paperState]);
    if (kind !== 'paper') targets.push([this.liveBroker()?.broker ?? null, this.liveState]);
    for (const [broker, state] of targets) {
      if (!broker || !state) continue;
      for (const order of state.openOrders.filter((o) => orders.owns(o))) {
        await broker.cancelOrder(order.id);
        canceled += 1;
      }
    }
    await this.refresh();
    return canceled;
  }

  /** the bot's open orders at that broker, after the last refresh */
  hasOpenOwnOrders(kind: 'paper' | 'live'): boolean {
    const state = kind === 'paper' ? this.paperState : this.liveState;
    const orders = this.orders;
    return !!state && !!orders && state.openOrders.some((o) => orders.owns(o));
  }

  countOpenOwnOrders(kind: 'paper' | 'live'): number {
    const state = kind === 'paper' ? this.paperState : this.liveState;
    const orders = this.orders;
    return state && orders ? state.openOrders.filter((o) => orders.owns(o)).length : 0;
  }

  /** The big red button, in any state: no new orders, every open order of the bot's canceled (paper and live). */
  async engageKillSwitch(): Promise<number> {
    // Set first: even if a cancel fails below, nothing new goes out.
    this.killSwitch = true;
    const canceled = this.ready ? await this.cancelOwnOrders('all') : 0;
    this.options.raiseAlert({ severity: 'critical', kind: 'risk', message: `Kill switch engaged: ${canceled} open order(s) of the bot canceled, trading paused. Orders not placed by the bot were left alone.` });
    return canceled;
  }

  releaseKillSwitch(): void {
    this.killSwitch = false;
  }

  async resetPaperWallet(usdt: string): Promise<void> {
    const { journal, market } = this.require();
    const balances = { [market.quote]: Decimal.from(usdt).toString(), [market.base]: '0' };
    await this.paper!.reset(balances);
    await journal.recordPaperWalletStart(balances, 'reset by the user');
    await this.refresh();
  }

  /** The mode's own fills as position and PnL. */
  history(): TradeHistory {
    return new TradeHistory(this.activeState()?.fills ?? [], { base: this.market?.base ?? '', quote: this.market?.quote ?? '' });
  }

  async refresh(): Promise<void> {
    if (!this.paper) return;
    await this.ensureLive();
    const [open, balances, fills] = await Promise.all([this.paper.fetchOpenOrders(), this.paper.fetchBalance(), this.paper.fetchMyTrades(0)]);
    this.paperState = { ref: { kind: 'paper' }, openOrders: open, balances, fills };
    const live = this.liveBroker();
    if (live && (this.mode === 'live' || this.liveState !== null || this.hasOpenLiveIntents(live.account))) {
      const [liveOpen, liveBalances] = await Promise.all([live.broker.fetchOpenOrders(), live.broker.fetchBalance()]);
      await this.syncLiveFills(live);
      this.liveState = { ref: { kind: 'live', account: live.account }, openOrders: liveOpen, balances: liveBalances, fills: this.ownLiveFills(live) };
    } else if (!live) {
      this.liveState = null;
    }
    this.options.onChange();
  }

  /** The snapshot's trading parts, as contract shapes. */
  view(lastPrice: string | null, fetchedAt: number, stale: boolean): TradingView {
    const active = this.activeState();
    const paperOrders = this.paperState?.openOrders ?? [];
    const liveOrders = this.liveState?.openOrders ?? [];
    return tradingView({ active, paperOrders, liveOrders, owns: (o) => this.orders?.owns(o) ?? false, market: this.market, lastPrice, fetchedAt, stale, history: this.history() });
  }

  /** The mode's own fills as the contract shows them, newest first. */
  contractFills(): Fill[] {
    return contractFills(this.activeState()?.fills ?? [], this.mode === 'dry-run');
  }

  private activeState(): BrokerState | null {
    return this.mode === 'live' ? this.liveState : this.paperState;
  }

  private activeRef(): BrokerRef | null {
    if (this.mode === 'dry-run') return { kind: 'paper' };
    const account = this.options.liveAccount();
    return account ? { kind: 'live', account } : null;
  }

  private async doCycle(trigger: string, placeOrders: boolean): Promise<Decision> {
    const { journal, orders, market } = this.require();
    const settings = this.options.settings();
    const now = this.options.clock.now();
    await this.reconcile();
    const client = this.options.client();
    const [candles, ticker] = await Promise.all([client.fetchOHLCV(this.options.symbol, '1d', { limit: settings.strategy.candleLimit }), client.fetchTicker(this.options.symbol)]);
    const series = candles.filter((c): c is CcxtOHLCV => c.every((v) => typeof v === 'number')) as unknown as OHLCV[];
    const last = String(ticker.last);
    await this.refresh();
    const position = this.activeState()?.balances?.[market.base]?.total ?? '0';
    const result = emaAccumulationStrategy(series, { symbol: this.options.symbol, last }, { amount: position }, settings.strategy);
    const signal = `${trigger}: ${result.decision.reason}`;
    const end = (exit: CycleExit, action: Decision['action'], reason: string, alert?: AlertInput): Decision => {
      if (exitsThatAlert.has(exit)) this.options.raiseAlert(alert ?? { severity: 'warning', kind: 'risk', message: `Buy signal not traded: ${reason}`, dedupeKey: `${exit}:${reason}` });
      this.lastExitValue = exit;
      this.lastDecision = { time: now, action, reason: exit === 'no-signal' || exit === 'placed' ? signal : `${signal} Not traded: ${reason}` };
      this.options.logger.info(`Strategy run (${trigger}): ${this.lastDecision.reason}`);
      return this.lastDecision;
    };

    if (result.decision.action !== 'buy' || result.intents.length === 0) return end('no-signal', result.decision.action, signal);
    if (!placeOrders) return end('preview', 'preview', 'the bot is not running, so this run only evaluated the strategy (start the bot to trade).');
    const ref = this.activeRef();
    const broker = ref ? this.brokerForRef(ref) : null;
    if (!ref || !broker) return end('broker-unavailable', 'rejected', 'live mode needs the API keys, and none are loaded.');
    if (ref.kind === 'paper' && this.paper!.needsReset) return end('paper-wallet-needs-reset', 'rejected', 'the paper wallet was lost and could not be rebuilt: reset it in Settings → Paper wallet.');
    const unresolved = journal.unfinishedIntents().find((entry) => entry.broker === null || sameBroker(entry.broker, ref));
    if (unresolved) return end('unresolved-order', 'rejected', `order ${unresolved.clientOrderId} has an unknown outcome; nothing new is sent until MEXC says what became of it.`);

    const intent = result.intents[0]!;
    const state = this.activeState()!;
    const pre = checkPreTrade(intent, {
      market,
      freeBalances: Object.fromEntries(Object.entries(state.balances ?? {}).map(([asset, b]) => [asset, b.free])),
      openOrderCount: state.openOrders.filter((o) => orders.owns(o)).length,
      maxOpenOrders: settings.risk.maxOpenOrders,
    });
    if (!pre.ok) return end('pretrade', 'rejected', pre.rejections.map((r) => `${r.code}: ${r.message}`).join(' '));
    const midnight = startOfLocalDay(now, this.utcOffset);
    const history = this.history();
    const priceAtMidnight = await this.dayStartPrice!.at(midnight, (at) => this.priceAt(client, at));
    const risk = checkRiskLimits(pre.order, {
      limits: settings.risk,
      positionUsdt: history.pnl(last).costBasis,
      openBuyOrdersUsdt: state.openOrders.filter((o) => o.side === 'buy' && orders.owns(o)).reduce((sum, o) => sum.add(Decimal.from(o.price).mul(o.remaining)), Decimal.ZERO).toString(),
      ordersToday: journal.ordersPlacedSince(midnight, ref),
      pnlTodayUsdt: history.pnlSince(midnight, priceAtMidnight, last),
      killSwitch: this.killSwitch,
    });
    if (!risk.ok) return end('risk', 'rejected', risk.rejections.map((r) => `${r.code}: ${r.message}`).join(' '));

    const clientOrderId = clientOrderIdFor({ installId: orders.installId, runDate: localDateStamp(now, this.utcOffset), sequence: journal.nextSequence(orders.installId) });
    const label = ref.kind === 'paper' ? 'Paper' : 'Live';
    let submitted;
    try {
      submitted = await submitOrder(journal, broker, ref, clientOrderId, pre.order);
    } catch (error) {
      if (!(error instanceof DuplicateClientOrderIdError)) throw error;
      return end('duplicate-id', 'rejected', error.message);
    }
    await this.refresh();
    switch (submitted.status) {
      case 'accepted':
      case 'filled':
        return end('placed', 'buy', signal, {
          severity: 'info',
          kind: 'order',
          message: `${label} buy placed: ${pre.order.amount} ${market.base} at ${pre.order.price} ${market.quote} (${clientOrderId}).`,
          dedupeKey: `order:${clientOrderId}`,
        });
      case 'rejected':
        return end('refused', 'rejected', `${label} order ${clientOrderId} refused: ${submitted.error.message}`, {
          severity: 'warning',
          kind: 'order',
          message: `Order refused: ${submitted.error.message}`,
          dedupeKey: `refused:${clientOrderId}`,
        });
      case 'unknown': {
        const why = submitted.error instanceof OrderOutcomeUnknownError ? submitted.error.message : `Order ${clientOrderId}: outcome unknown (${String(submitted.error)}); reconciling.`;
        await this.reconcile().catch(() => undefined);
        return end('unknown-outcome', 'buy', `${label} order ${clientOrderId} was sent but its outcome is unknown; it is being reconciled.`, {
          severity: 'warning',
          kind: 'order',
          message: why,
          dedupeKey: `unknown:${clientOrderId}`,
        });
      }
    }
  }

  /** The open of the 1m candle that starts at local midnight. */
  private async priceAt(client: MexcClient, at: number): Promise<string> {
    const rows = await client.fetchOHLCV(this.options.symbol, '1m', { since: at, limit: 1 });
    const open = rows.find((row) => row[0] === at)?.[1] ?? rows[0]?.[1];
    if (typeof open !== 'number') throw new Error('MEXC has no price for local midnight yet');
    return String(open);
  }

  private async noteFills(fresh: BrokerFill[], kind: 'paper' | 'live') {
    const journal = this.journal;
    for (const fill of fresh) {
      this.options.raiseAlert({
        severity: 'info',
        kind: 'fill',
        message: `${fill.side === 'buy' ? 'Bought' : 'Sold'} ${fill.amount} ${this.market?.base ?? ''} at ${fill.price} (${kind}); fee ${fill.fee.cost} ${fill.fee.currency}.`,
        dedupeKey: `fill:${fill.id}`,
      });
      const entry = fill.clientOrderId ? journal?.entry(fill.clientOrderId) : journal?.entries().find((e) => e.orderId === fill.orderId);
      if (!journal || !entry || journal.fillsOf(entry.clientOrderId).some((known) => known.id === fill.id)) continue;
      const filled = [...journal.fillsOf(entry.clientOrderId), fill].reduce((sum, f) => sum.add(f.amount), Decimal.ZERO);
      await journal.recordOutcome(entry.clientOrderId, {
        status: filled.gte(entry.intent.amount) ? 'filled' : 'accepted',
        orderId: fill.orderId,
        fills: [{ id: fill.id, price: fill.price, amount: fill.amount, fee: fill.fee.cost, feeCurrency: fill.fee.currency, timestamp: fill.timestamp }],
      });
    }
    await this.refresh();
  }

  /** The live broker for the saved keys; rebuilt when the client is (keys or settings changed). */
  private liveBroker(): { account: string; broker: LiveBroker; ledger: FillLedger } | null {
    const account = this.options.liveAccount();
    if (!account || !this.market || !this.live || this.live.account !== account) return null;
    const client = this.options.client();
    if (this.live.client !== client) this.live = { ...this.live, client, broker: new LiveBroker(client, this.market) };
    return this.live;
  }

  /** Opens the live account's fill ledger once per account (the keys may change). */
  private async ensureLive(): Promise<void> {
    const account = this.options.liveAccount();
    if (!account || !this.market) return;
    if (this.live?.account === account) return;
    const ledger = await FillLedger.open(path.join(this.options.dataDir, liveFillsFile(account)), this.options.clock);
    for (const problem of ledger.problems) this.critical('fills', `Live fill history: ${problem.message}`);
    const client = this.options.client();
    this.live = { client, account, broker: new LiveBroker(client, this.market), ledger };
    this.liveState = null;
  }

  private async syncLiveFills(live: { account: string; broker: LiveBroker; ledger: FillLedger }): Promise<BrokerFill[]> {
    const firstIntent = this.journal?.entries().find((e) => e.broker?.kind === 'live' && e.broker.account === live.account)?.time;
    const from = live.ledger.lastTimestamp() ?? firstIntent ?? this.options.clock.now();
    const fresh = await live.ledger.sync(live.broker, from, this.options.clock.now());
    return fresh.filter((fill) => this.orders?.ownsFill(fill, live.account));
  }

  /** The bot's fills on that account: its journal's fills and the persisted trade history, once each. */
  private ownLiveFills(live: { account: string; ledger: FillLedger }): BrokerFill[] {
    const byId = new Map<string, BrokerFill>();
    for (const fill of this.orders?.journalFills(live.account, this.market!) ?? []) byId.set(fill.id, fill);
    for (const fill of live.ledger.fills()) if (this.orders?.ownsFill(fill, live.account)) byId.set(fill.id, fill);
    return [...byId.values()].sort((a, b) => a.timestamp - b.timestamp);
  }

  private hasOpenLiveIntents(account: string): boolean {
    return !!this.journal?.entries().some((e) => e.broker?.kind === 'live' && e.broker.account === account && (e.status === 'accepted' || e.status === null || e.status === 'unknown'));
  }

  private brokerForRef(ref: BrokerRef): Broker | null {
    if (ref.kind === 'paper') return this.paper;
    const live = this.liveBroker();
    return live && live.account === ref.account ? live.broker : null;
  }

  /** Where to ask about an intent: the broker it went to; a line from before intents knew their broker asks both. */
  private async brokerForIntent(entry: JournalEntry): Promise<{ broker: Broker | null; reason?: string }> {
    await this.ensureLive();
    if (entry.broker) {
      const broker = this.brokerForRef(entry.broker);
      if (broker) return { broker };
      return { broker: null, reason: `it was sent to MEXC with other API keys (account ${entry.broker.kind === 'live' ? entry.broker.account : ''}), which are not loaded: save those keys to settle it` };
    }
    const live = this.liveBroker();
    if (live && (await live.broker.fetchOrderByClientId(entry.clientOrderId))) return { broker: live.broker };
    if (await this.paper!.fetchOrderByClientId(entry.clientOrderId)) return { broker: this.paper };
    return live ? { broker: live.broker } : { broker: null, reason: 'it was journaled before intents recorded their broker, and without API keys MEXC cannot be asked' };
  }

  /** A paper wallet that was lost or damaged is rebuilt from the journal when it can be, and the user is told either way. */
  private async openPaperWallet(journal: Journal, market: MarketInfo): Promise<PaperBroker> {
    const initialBalances = { [market.quote]: String(this.options.settings().paper.initialUsdt), [market.base]: '0' };
    const paper = await PaperBroker.open({ dataDir: this.options.dataDir, market, clock: this.options.clock, initialBalances });
    const lost = paper.loadProblem !== null || (paper.created && journal.paperWalletStarts().length > 0);
    if (!lost) {
      if (paper.created) await journal.recordPaperWalletStart(initialBalances, 'first start');
      return paper;
    }
    const what = paper.loadProblem ? paper.loadProblem.message : 'The paper wallet file is missing, though the journal shows it was in use.';
    const rebuilt = await rebuildPaperWallet(paper, journal);
    this.critical(
      'paper-wallet',
      rebuilt
        ? `${what} It was rebuilt from the journal: ${rebuilt.orders} order(s), ${rebuilt.fills} fill(s) since the wallet last started.`
        : `${what} The journal has no record of how the wallet started, so it cannot be rebuilt: paper trading is paused until you reset the wallet in Settings → Paper wallet.`,
    );
    return paper;
  }

  private critical(kind: string, message: string) {
    this.options.logger.error(message);
    this.options.raiseAlert({ severity: 'critical', kind, message, dedupeKey: `${kind}:${message}` });
  }

  private require(): { journal: Journal; orders: BotOrders; market: MarketInfo } {
    if (!this.journal || !this.orders || !this.market || !this.paper) throw new Error('Trading is not ready yet: the market could not be loaded.');
    return { journal: this.journal, orders: this.orders, market: this.market };
  }
}
