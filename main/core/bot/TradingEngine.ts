// A little over 300 lines on purpose: the state of both brokers and every operation that must see it whole
// (refresh, cancels, the kill switch, the wallet reset) stay in one class; the parts with one job live beside it.
import path from 'node:path';
import type { Decision, Fill, TradingMode } from '../../../shared/contract';
import { Decimal } from '../../../shared/decimal';
import type { Settings } from '../../../shared/settings';
import type { AlertInput } from '../alerts/AlertCenter';
import type { Clock } from '../clock';
import type { MexcClient } from '../exchange/MexcClient';
import type { Logger } from '../logging/Logger';
import { BrokerError, type Broker, type BrokerOrder } from '../trading/Broker';
import { mayStillBeOpen, type BrokerRef } from '../trading/Journal';
import { systemUtcOffset, type UtcOffset } from '../trading/localDay';
import { marketInfoFromCcxt, type MarketInfo } from '../trading/MarketInfo';
import type { MarketView, PaperBroker } from '../trading/PaperBroker';
import { TradeHistory } from '../trading/TradeHistory';
import { duplicateKey, ImportedFills, IMPORTED_FILLS_FILE } from '../trading/ImportedFills';
import { importTrades, type TradeImportResult } from '../trading/importTrades';
import { ForeignOrderError } from './BotOrders';
import { CancelOrdersError, isExchangeFailure } from './CancelOrdersError';
import type { BrokerState } from './BrokerState';
import type { CycleExit } from './cycleExits';
import { IntentRecovery } from './IntentRecovery';
import { LiveAccount } from './LiveAccount';
import { openPaperWallet } from './openPaperWallet';
import { openTradingRecords, type TradingRecords } from './openTradingRecords';
import { orderChecksNow, type OrderChecksNow } from './orderChecksNow';
import { recordFills } from './recordFills';
import { runStrategyCycle } from './runStrategyCycle';
import { contractFills, tradingView, type TradingView } from './tradingView';

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

/** What exists once trading is open: the journal, the market's rules, both brokers and the intent recovery. */
interface OpenTrading extends TradingRecords {
  market: MarketInfo;
  paper: PaperBroker;
  live: LiveAccount;
  recovery: IntentRecovery;
}

/**
 * Strategy → pre-trade checks → risk limits → journal → broker, and back:
 * fills become alerts and history. Every intent is journaled (and flushed)
 * with the broker it goes to before it is sent; anything unfinished is
 * reconciled with that broker, whatever the mode, before new orders.
 * This class holds the state and the commands; each step is its own module.
 */
export class TradingEngine {
  private records: TradingRecords | null = null;
  private market: MarketInfo | null = null;
  private opened: OpenTrading | null = null;
  /** trades imported from files (issue 17): shown in live mode's history, never in the money path */
  private imported: ImportedFills | null = null;
  private paperState: BrokerState | null = null;
  private lastDecision: Decision | null = null;
  private lastExitValue: CycleExit | null = null;
  private killSwitch = false;
  /** grows with every refresh and kill-switch change: the why-not view and the shown history recompute when it moves */
  private stateChanges = 0;
  private shown: { key: string; history: TradeHistory } | null = null;
  private cycle: Promise<Decision> | null = null;
  private opening: Promise<void> | null = null;
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
    return this.opened !== null;
  }

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
    const critical = (kind: string, message: string) => this.critical(kind, message);
    this.records ??= await openTradingRecords(dataDir, clock, critical);
    this.imported ??= await this.openImported();
    const { journal, orders } = this.records;
    const market = (this.market ??= marketInfoFromCcxt((await this.options.client().market(this.options.symbol))!));
    if (!this.opened) {
      const paper = await openPaperWallet({ dataDir, clock, journal, market, initialQuote: String(this.options.settings().paper.initialUsdt), critical });
      const live = new LiveAccount({ dataDir, clock, client: this.options.client, liveAccount: this.options.liveAccount, journal, orders, market, critical });
      const recovery = new IntentRecovery({ journal, orders, paper, live, market, clock, logger: this.options.logger, raiseAlert: this.options.raiseAlert, critical });
      this.opened = { ...this.records, market, paper, live, recovery };
    }
    this.mode = mode;
    await this.opened.recovery.recoverLostIntents();
    await this.opened.recovery.journalMissedFills();
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
    return this.require().recovery.reconcile();
  }

  /** One strategy run: never two at once. Orders only when `placeOrders`; otherwise it previews. */
  runCycle(trigger: string, { placeOrders }: { placeOrders: boolean }): Promise<Decision> {
    this.cycle ??= this.doCycle(trigger, placeOrders).finally(() => (this.cycle = null));
    return this.cycle;
  }

  /** The paper wallet fills against each fresh book, whatever the mode: its open orders stay tracked. */
  async onMarket(view: MarketView): Promise<void> {
    if (!this.opened) return;
    const fills = await this.opened.paper.onMarket(view);
    if (fills.length > 0) await this.noteFills(fills, 'paper');
  }

  /** True while live fills must be read: live mode, or the bot's live orders kept open in dry-run. */
  get tracksLive(): boolean {
    return (this.opened?.live.connection() ?? null) !== null && (this.mode === 'live' || this.countOpenOwnOrders('live') > 0);
  }

  /**
   * The live account read again: new fills (synced forward from the last one
   * known), open orders (an order placed by hand shows up here) and balances.
   */
  async pollLiveFills(): Promise<void> {
    const live = this.opened?.live;
    if (!live?.connection()) return;
    // An order that lost its journal line and could not be looked up yet is asked about again at every poll.
    if (this.opened!.recovery.pendingLostIds.length > 0) await this.opened!.recovery.recoverLostIntents();
    await this.refresh(); // syncs the fills forward, and tells and journals the new ones
  }

  /** Cancels one of the bot's own orders; an order the bot did not place is never touched. */
  async cancelOrder(id: string): Promise<BrokerOrder> {
    const { orders, paper, live } = this.require();
    const paperOrder = this.paperState?.openOrders.find((o) => o.id === id);
    const liveOrder = live.state?.openOrders.find((o) => o.id === id);
    const target = paperOrder ? { broker: paper, order: paperOrder } : liveOrder ? { broker: live.connection()?.broker ?? null, order: liveOrder } : null;
    if (target && !orders.owns(target.order)) throw new ForeignOrderError(id);
    if (!target?.broker) throw new Error(`no open order ${id} of the bot's`);
    const canceled = await target.broker.cancelOrder(id);
    await this.journalCanceled(canceled);
    await this.refresh();
    return canceled;
  }

  /** A cancel is a fact of the journal too: a rebuilt paper wallet must not bring the order back. */
  private async journalCanceled(order: BrokerOrder): Promise<void> {
    const journal = this.records?.journal;
    if (order.clientOrderId && journal?.entry(order.clientOrderId)) await journal.recordOutcome(order.clientOrderId, { status: 'canceled', orderId: order.id, message: 'canceled by the bot' });
  }

  /**
   * Cancels the bot's own open orders at one broker (or both); others' orders
   * stay. An order that ended since the refresh (another client canceled it,
   * or it filled) is no longer open: skipped, not a failure. A cancel that
   * fails does not stop the others: after them all, an exchange failure is a
   * CancelOrdersError with the real count, an engine fault is thrown as it is.
   */
  async cancelOwnOrders(kind: 'paper' | 'live' | 'all' = 'all'): Promise<number> {
    const { orders, paper, live } = this.require();
    await this.refresh().catch((error: unknown) => {
      throw isExchangeFailure(error) ? new CancelOrdersError(0, [`the open orders could not be read: ${(error as Error).message}`]) : error;
    });
    let canceled = 0;
    let engineFault: unknown = null;
    const problems: string[] = [];
    /** "not open" answers, checked after the refresh: the order must really have ended */
    const notFound: string[] = [];
    const targets: [Broker | null, BrokerState | null][] = [];
    if (kind !== 'live') targets.push([paper, this.paperState]);
    if (kind !== 'paper') targets.push([live.connection()?.broker ?? null, live.state]);
    for (const [broker, state] of targets) {
      if (!broker || !state) continue;
      for (const order of state.openOrders.filter((o) => orders.owns(o))) {
        try {
          await this.journalCanceled(await broker.cancelOrder(order.id));
          canceled += 1;
        } catch (error) {
          if (error instanceof BrokerError && error.code === 'ORDER_NOT_FOUND') notFound.push(order.id);
          else if (isExchangeFailure(error)) problems.push(`${order.id}: ${(error as Error).message}`);
          else engineFault ??= error;
        }
      }
    }
    try {
      await this.refresh();
      const stillOpen = notFound.filter((id) => [this.paperState, live.state].some((state) => state?.openOrders.some((o) => o.id === id)));
      for (const id of stillOpen) problems.push(`${id} answered "not found" to the cancel but is still listed as open`);
    } catch (error) {
      if (!isExchangeFailure(error)) engineFault ??= error;
      else if (notFound.length > 0) problems.push(`whether ${notFound.join(', ')} really ended could not be checked: ${(error as Error).message}`);
      else this.options.logger.warn(`After canceling ${canceled} order(s), reading the account again failed: ${(error as Error).message}`);
    }
    if (engineFault) throw engineFault;
    if (problems.length > 0) throw new CancelOrdersError(canceled, problems);
    return canceled;
  }

  /** the bot's open orders at that broker, after the last refresh */
  countOpenOwnOrders(kind: 'paper' | 'live'): number {
    const state = kind === 'paper' ? this.paperState : (this.opened?.live.state ?? null);
    const orders = this.records?.orders;
    return state && orders ? state.openOrders.filter((o) => orders.owns(o)).length : 0;
  }

  /** The big red button, in any state: no new orders, every open order of the bot's canceled (paper and live). */
  async engageKillSwitch(): Promise<number> {
    // Set first: even if a cancel fails below, nothing new goes out. Then let a run in flight land its order, so it is canceled too.
    this.killSwitch = true;
    this.stateChanges += 1;
    await this.idle();
    const canceled = this.ready ? await this.cancelOwnOrders('all') : 0;
    this.options.raiseAlert({ severity: 'critical', kind: 'risk', message: `Kill switch engaged: ${canceled} open order(s) of the bot canceled, trading paused. Orders not placed by the bot were left alone.` });
    return canceled;
  }

  releaseKillSwitch(): void {
    this.killSwitch = false;
    this.stateChanges += 1;
  }

  /** changes whenever what orderChecksNow reads may have changed */
  get stateVersion(): number {
    return this.stateChanges;
  }

  async resetPaperWallet(usdt: string): Promise<void> {
    const { journal, market, paper } = this.require();
    const balances = { [market.quote]: Decimal.from(usdt).toString(), [market.base]: '0' };
    await paper.reset(balances);
    await journal.recordPaperWalletStart(balances, 'reset by the user');
    // The reset canceled every paper order: the journal says so, or they would count as open buys forever.
    for (const entry of journal.entries()) {
      if (entry.broker?.kind === 'paper' && mayStillBeOpen(entry)) {
        await journal.recordOutcome(entry.clientOrderId, { status: 'canceled', ...(entry.orderId ? { orderId: entry.orderId } : {}), message: 'the paper wallet was reset' });
      }
    }
    await this.refresh();
  }

  /** The mode's own fills as position and PnL: what the risk limits measure. */
  history(): TradeHistory {
    return new TradeHistory(this.activeState()?.fills ?? [], { base: this.market?.base ?? '', quote: this.market?.quote ?? '' });
  }

  /**
   * What the user is shown: in live mode the bot's fills and the imported
   * trades (real trades made elsewhere, e.g. by the original bot), so the cost
   * basis is whole; in dry-run the paper wallet's fills alone. The risk limits
   * read history() instead: an imported file never moves the money path.
   */
  shownHistory(): TradeHistory {
    // Built again only when what it reads moved: every snapshot shows it, and with a few thousand fills a build takes tens of ms.
    const key = `${this.stateChanges}|${this.mode}|${this.importedCount}`;
    if (this.shown?.key !== key) this.shown = { key, history: this.buildShownHistory() };
    return this.shown.history;
  }

  private buildShownHistory(): TradeHistory {
    const own = this.activeState()?.fills ?? [];
    // A trade both imported and the bot's own (its export imported before the ledger had it) counts once, as the bot's.
    const ownKeys = new Set(own.map(duplicateKey));
    const imported = this.mode === 'live' ? (this.imported?.fills() ?? []).filter((fill) => !ownKeys.has(duplicateKey(fill))) : [];
    return new TradeHistory([...own, ...imported], { base: this.market?.base ?? '', quote: this.market?.quote ?? '' });
  }

  /** trades imported so far, whatever the mode */
  get importedCount(): number {
    return this.imported?.size ?? 0;
  }

  /** Imports a trade file (checked whole first); rows already known, the live account's own fills included, are skipped. */
  async importTrades(text: string): Promise<TradeImportResult> {
    const { market, live } = this.require();
    const result = await importTrades(text, { store: this.imported!, ownFills: live.state?.fills ?? [], market, now: this.options.clock.now() });
    this.options.onChange();
    return result;
  }

  private async openImported(): Promise<ImportedFills> {
    const store = await ImportedFills.open(path.join(this.options.dataDir, IMPORTED_FILLS_FILE), this.options.clock);
    for (const problem of store.problems) this.critical('fills', `Imported trades: ${problem.message}`);
    return store;
  }

  async refresh(): Promise<void> {
    if (!this.opened) return;
    const { paper, live } = this.opened;
    await live.open();
    const [open, balances, fills] = await Promise.all([paper.fetchOpenOrders(), paper.fetchBalance(), paper.fetchMyTrades(0)]);
    this.paperState = { ref: { kind: 'paper' }, openOrders: open, balances, fills };
    // Fills first seen here (not by the poll) are told and journaled all the same.
    const freshLiveFills = await live.refresh(this.mode);
    if (freshLiveFills.length > 0) await recordFills(freshLiveFills, 'live', { journal: this.records?.journal ?? null, market: this.market, raiseAlert: this.options.raiseAlert });
    this.stateChanges += 1;
    this.options.onChange();
  }

  /** The snapshot's trading parts, as contract shapes. */
  view(lastPrice: string | null, fetchedAt: number, stale: boolean): TradingView {
    const active = this.activeState();
    const paperOrders = this.paperState?.openOrders ?? [];
    const liveOrders = this.opened?.live.state?.openOrders ?? [];
    return tradingView({ active, paperOrders, liveOrders, owns: (o) => this.records?.orders.owns(o) ?? false, market: this.market, lastPrice, fetchedAt, stale, history: this.shownHistory() });
  }

  /** What a buy's checks would read now, gathered without a run ("why hasn't it bought?", issue 17); null until trading is open. */
  orderChecksNow(last: string | null): OrderChecksNow | null {
    if (!this.opened) return null;
    const { settings, clock } = this.options;
    return orderChecksNow({ ...this.opened, pendingLostIds: this.opened.recovery.pendingLostIds, state: this.activeState(), ref: this.activeRef(), settings: settings(), history: this.history(), killSwitch: this.killSwitch, now: clock.now(), utcOffset: this.utcOffset, last });
  }

  /** The fills the user is shown (shownHistory), newest first, each with what it realized. */
  contractFills(history = this.shownHistory()): Fill[] {
    return contractFills(history.steps(), this.mode === 'dry-run');
  }

  private activeState(): BrokerState | null {
    return this.mode === 'live' ? (this.opened?.live.state ?? null) : this.paperState;
  }

  private activeRef(): BrokerRef | null {
    if (this.mode === 'dry-run') return { kind: 'paper' };
    const account = this.options.liveAccount();
    return account ? { kind: 'live', account } : null;
  }

  private async doCycle(trigger: string, placeOrders: boolean): Promise<Decision> {
    const opened = this.require();
    const { symbol, logger, raiseAlert, client } = this.options;
    return runStrategyCycle({
      ...opened,
      trigger,
      placeOrders,
      symbol,
      settings: this.options.settings(),
      now: this.options.clock.now(),
      utcOffset: this.utcOffset,
      client,
      killSwitch: () => this.killSwitch,
      logger,
      raiseAlert,
      reconcile: () => this.reconcile(),
      refresh: () => this.refresh(),
      activeState: () => this.activeState(),
      activeRef: () => this.activeRef(),
      brokerForRef: (ref) => opened.recovery.brokerForRef(ref),
      pendingLostIds: () => opened.recovery.pendingLostIds,
      history: () => this.history(),
      ended: (exit, decision) => {
        this.lastExitValue = exit;
        this.lastDecision = decision;
      },
    });
  }

  private async noteFills(fresh: Parameters<typeof recordFills>[0], kind: 'paper' | 'live') {
    await recordFills(fresh, kind, { journal: this.records?.journal ?? null, market: this.market, raiseAlert: this.options.raiseAlert });
    await this.refresh();
  }

  private critical(kind: string, message: string) {
    this.options.logger.error(message);
    this.options.raiseAlert({ severity: 'critical', kind, message, dedupeKey: `${kind}:${message}` });
  }

  private require(): OpenTrading {
    if (!this.opened) throw new Error('Trading is not ready yet: the market could not be loaded.');
    return this.opened;
  }
}
