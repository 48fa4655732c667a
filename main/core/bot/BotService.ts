import { EventEmitter } from 'node:events';
import {
  ContractFailure,
  type Alert,
  type BotStatus,
  type Candles,
  type CommandHandlers,
  type ConnectionTest,
  type Decision,
  type EventName,
  type EventPayload,
  type OpenOrdersChoice,
  type Snapshot,
  type TradingMode,
} from '../../../shared/contract';
import type { Settings } from '../../../shared/settings';
import { WITHDRAW_PERMISSION_WARNING } from '../../../shared/withdrawPermissionWarning';
import type { AlertCenter, AlertInput } from '../alerts/AlertCenter';
import type { Clock } from '../clock';
import type { Logger } from '../logging/Logger';
import { LatestMarketSummary } from '../market/LatestMarketSummary';
import type { MarketFeeds } from '../market/MarketFeeds';
import { MarketPrecision } from '../market/MarketPrecision';
import { toCandles } from '../market/toContract';
import type { ApiKeys } from '../secrets/ApiKeys';
import { BotLifecycle, runNowPlacesOrders } from './botLifecycle';
import { ForeignOrderError } from './BotOrders';
import { buildSnapshot } from './buildSnapshot';
import { composeEngine, type EngineOptions } from './composeEngine';
import type { CycleExit } from './cycleExits';
import { DailyRunSchedule } from './DailyRunSchedule';
import { isImportedFill } from '../trading/ImportedFills';
import { positionTimeline } from '../trading/positionTimeline';
import { importTradesCommand } from './importTradesCommand';
import { TradeImportUploads } from './TradeImportUploads';
import type { LastKnownMarket, LastSnapshotFile } from './LastSnapshotFile';
import type { ExchangeSession } from './ExchangeSession';
import { LatestWhyNot } from './LatestWhyNot';
import { LiveFillPolling } from './LiveFillPolling';
import { MarketAlerts } from './MarketAlerts';
import { refuseUncanceled } from './CancelOrdersError';
import { CoalescedPass } from './CoalescedPass';
import { paperMarketView, TAPE_TRADES } from './paperMarketView';
import { runBacktestCommand } from './runBacktestCommand';
import { BacktestSweep } from '../backtest/BacktestSweep';
import { runBacktestSweepCommand } from '../backtest/runBacktestSweepCommand';
import { ServiceSettings } from './ServiceSettings';
import { switchMode } from './switchMode';
import { testConnection } from './testConnection';
import type { TradingEngine } from './TradingEngine';
import { toContractOrder } from './tradingView';

export type BotServiceOptions = EngineOptions;

type Listener<K extends EventName> = (payload: EventPayload<K>) => void;

/**
 * The engine's whole API: implements every command of shared/contract.ts and
 * publishes its events. Transports (IPC, WebSocket) only validate and forward.
 * The parts are built in composeEngine.ts; this class holds the command
 * handlers and delegates to the lifecycle, the schedules and trading.
 * Over 300 lines for a reason: it is the facade, one short handler per
 * contract command (25 of them), each delegating; splitting it would scatter the contract.
 */
export class BotService {
  private readonly clock: Clock;
  private readonly emitter = new EventEmitter();
  /** the one parameter sweep that may run, on its worker thread */
  private readonly sweep = new BacktestSweep();
  private readonly apiKeys: ApiKeys;
  private readonly alerts: AlertCenter;
  private readonly settingsKeeper: ServiceSettings;
  private readonly session: ExchangeSession;
  private readonly feeds: MarketFeeds;
  private readonly trading: TradingEngine | null;
  private readonly lifecycle: BotLifecycle;
  private readonly dailyRun: DailyRunSchedule;
  private readonly liveFills: LiveFillPolling;
  private readonly marketAlerts: MarketAlerts;
  private readonly precision = new MarketPrecision();
  private readonly marketSummary = new LatestMarketSummary();
  private readonly tradeUploads: TradeImportUploads;
  private readonly whyNot = new LatestWhyNot();
  private readonly paperFills = new CoalescedPass(
    () => this.paperFillPass(),
    (error) => this.logger.warn(`Paper fills: ${error.message}`),
  );
  private readonly lastSnapshot: LastSnapshotFile | null;
  private lastKnown: LastKnownMarket | null = null;
  private publishPending = false;
  private version = 0;
  readonly logger: Logger;
  readonly symbol: string;

  constructor(options: BotServiceOptions) {
    const parts = composeEngine(options, {
      settings: () => this.settings,
      onLog: (entry) => this.emit('log', entry),
      onAlert: (alert) => {
        this.emit('alert', alert);
        this.publishSnapshot();
      },
      raiseAlert: (alert) => void this.raiseAlert(alert),
      onMarketData: () => this.onMarketData(),
      onCandleClose: () => {
        if (this.lifecycle.state === 'running') void this.runStrategy('daily candle closed');
      },
      onTradingChange: () => this.publishSnapshot(),
    });
    ({ clock: this.clock, logger: this.logger, symbol: this.symbol, apiKeys: this.apiKeys, alerts: this.alerts, session: this.session, feeds: this.feeds, trading: this.trading, lastSnapshot: this.lastSnapshot } = parts);
    this.on('snapshot', (snapshot) => this.lastSnapshot?.remember(snapshot));
    const { clock, timers, utcOffset } = parts;
    this.tradeUploads = new TradeImportUploads(clock);
    this.settingsKeeper = new ServiceSettings({ store: parts.settingsStore, session: this.session, logger: this.logger, raiseAlert: (alert) => this.raiseAlert(alert) });
    this.lifecycle = new BotLifecycle(this.symbol, clock, () => {
      this.dailyRun.reschedule();
      this.publishSnapshot();
    });
    this.dailyRun = new DailyRunSchedule({
      clock,
      timers,
      utcOffset,
      active: () => this.lifecycle.state === 'running',
      runTime: () => this.settings.strategy.dailyRunTime,
      run: () => this.runStrategy('daily run'),
    });
    this.liveFills = new LiveFillPolling({
      timers,
      active: () => !!this.trading?.tracksLive || this.lifecycle.mode === 'live',
      poll: async () => this.trading?.pollLiveFills().catch((error: Error) => this.logger.warn(`Could not read fills: ${error.message}`)),
    });
    this.session.onAccountActivity = () => this.liveFills.soon();
    this.marketAlerts = new MarketAlerts({ symbol: this.symbol, logger: this.logger, raiseAlert: (alert) => this.raiseAlert(alert) });
  }

  readonly handlers: CommandHandlers = {
    getSnapshot: async () => this.snapshot(),
    startBot: async () => {
      const status = this.lifecycle.transition('startBot');
      this.trading?.releaseKillSwitch();
      return status;
    },
    pauseBot: async () => this.lifecycle.transition('pauseBot'),
    resumeBot: async () => {
      const status = this.lifecycle.transition('resumeBot');
      this.trading?.releaseKillSwitch();
      return status;
    },
    stopBot: async () => this.stop(),
    killSwitch: async () => {
      const status = this.lifecycle.transition('killSwitch', 'Kill switch engaged: the bot’s open orders canceled, no new orders until you start or resume.');
      try {
        // Trading that could not open yet (MEXC unreachable at start) is opened now: its open orders must be canceled too.
        if (this.trading && !this.trading.ready) await this.trading.open(this.lifecycle.mode);
        await this.trading?.engageKillSwitch();
      } catch (error) {
        // No new orders go out either way; the user must know some may still be open.
        const message = `Kill switch engaged, but canceling the bot's open orders failed: ${(error as Error).message}. Press it again, or cancel them on MEXC.`;
        this.raiseAlert({ severity: 'critical', kind: 'risk', message });
        throw new ContractFailure('INVALID_STATE', message);
      }
      return status;
    },
    getApiKeyStatus: async () => this.apiKeys.status(),
    saveApiKeys: async (credentials) => this.apiKeys.save(credentials),
    clearApiKeys: async () => this.apiKeys.clear(),
    testConnection: async () => this.testConnection(),
    getSettings: async () => this.settings,
    setSettings: async (next) => this.saveSettings(next),
    getCandles: async ({ timeframe, limit }) => this.candles(timeframe, limit),
    acknowledgeAlerts: async () => {
      const acknowledged = this.alerts.acknowledge();
      this.publishSnapshot();
      return { acknowledged };
    },
    setMode: async (input) => this.setMode(input.mode, input.openOrders),
    runNow: async () => {
      this.lifecycle.check('runNow');
      return this.runStrategy('run now', runNowPlacesOrders(this.lifecycle.state));
    },
    cancelOrder: async ({ id }) => {
      const before = this.snapshot().openOrders.find((o) => o.id === id);
      const order = await this.tradingOrFail().cancelOrder(id).catch((error: Error) => {
        throw new ContractFailure('INVALID_STATE', error instanceof ForeignOrderError ? error.message : `Could not cancel ${id}: ${error.message}`);
      });
      // Only the bot's own orders can be canceled, so one missing from the last snapshot is the bot's.
      return { ...(before ?? toContractOrder(order, { paper: order.id.startsWith('paper-'), placedByBot: true })), id: order.id, filled: order.filled, status: order.status };
    },
    cancelAllOrders: async () => ({ canceled: await this.tradingOrFail().cancelOwnOrders('all').catch(refuseUncanceled('Could not cancel every order')) }),
    runBacktest: async ({ days, initialUsdt }) =>
      runBacktestCommand({ client: this.session.client, symbol: this.symbol, settings: this.settings, days, initialUsdt, now: this.clock.now(), onProgress: (progress) => this.emit('backtestProgress', progress) }),
    runBacktestSweep: async (input) =>
      runBacktestSweepCommand({ sweep: this.sweep, client: this.session.client, symbol: this.symbol, settings: this.settings, input, now: this.clock.now(), onProgress: (progress) => this.emit('backtestSweepProgress', progress) }),
    cancelBacktestSweep: async () => ({ canceled: await this.sweep.cancel() }),
    getTradeHistory: async () => {
      const trading = this.tradingOrFail();
      const history = trading.shownHistory();
      const pnl = history.pnl(this.lastPrice());
      const timeline = positionTimeline(history, this.lastPrice(), this.clock.now());
      return { fills: trading.contractFills(history), pnl: { positionAmount: pnl.positionAmount, averageCost: pnl.averageCost, realized: pnl.realized, unrealized: pnl.unrealized }, timeline, importedCount: trading.importedCount };
    },
    importTrades: async (input) => importTradesCommand(input, { uploads: this.tradeUploads, trading: this.tradingOrFail(), logger: this.logger }),
    exportTrades: async () => {
      const csv = this.tradingOrFail().shownHistory().toCsv(isImportedFill);
      const date = new Date(this.clock.now()).toISOString().slice(0, 10);
      return { fileName: `qrl-tray-bot-trades-${this.lifecycle.mode}-${date}.csv`, csv };
    },
    resetPaperWallet: async ({ usdt }) => {
      if (this.lifecycle.mode !== 'dry-run') throw new ContractFailure('INVALID_STATE', 'The paper wallet can only be reset in dry-run mode.');
      await this.tradingOrFail().resetPaperWallet(usdt);
      const balances = this.snapshot().balances;
      if (!balances) throw new ContractFailure('INVALID_STATE', 'The paper wallet is not loaded yet.');
      return balances;
    },
  };

  /**
   * Load what is on disk, connect, start the market feeds. A damaged settings file is reported, never fatal.
   * The last saved price is published first, stale, so a start shows it before the exchange answers (issue 16).
   */
  async init(): Promise<void> {
    [this.lastKnown] = await Promise.all([this.lastSnapshot?.load() ?? null, this.settingsKeeper.load()]);
    if (this.lastKnown) this.publishSnapshot();
    await this.session.rebuild(this.settings);
    this.feeds.start();
    await this.openTrading();
  }

  /** The broker needs the market's rules; while MEXC is unreachable it retries on the next market update. */
  private async openTrading(): Promise<void> {
    if (!this.trading || this.trading.ready) return;
    try {
      await this.trading.open(this.lifecycle.mode);
    } catch (error) {
      this.logger.warn(`Trading not ready yet: ${(error as Error).message}`);
    }
  }

  private tradingOrFail(): TradingEngine {
    if (!this.trading?.ready) throw new ContractFailure('INVALID_STATE', 'Trading is not ready: the market rules have not loaded from MEXC yet.');
    return this.trading;
  }

  private lastPrice(): string | null {
    return this.snapshot().market?.last ?? null;
  }

  /** A run that cannot happen or fails is never silent: the daily timer and the candle close have no one else to tell. */
  private async runStrategy(trigger: string, placeOrders = this.lifecycle.state === 'running'): Promise<Decision> {
    try {
      const decision = await this.tradingOrFail().runCycle(trigger, { placeOrders });
      this.publishSnapshot();
      return decision;
    } catch (error) {
      const message = `Strategy run failed (${trigger}): ${(error as Error).message}`;
      this.logger.error(message);
      this.raiseAlert({ severity: 'warning', kind: 'error', message });
      throw new ContractFailure('INVALID_STATE', message);
    }
  }

  private async setMode(mode: TradingMode, openOrders: OpenOrdersChoice | undefined): Promise<BotStatus> {
    const switched = () => this.liveFills.reschedule();
    await switchMode(mode, openOrders, { lifecycle: this.lifecycle, trading: this.trading, testConnection: () => this.testConnection(), openTrading: () => this.openTrading(), raiseAlert: (alert) => this.raiseAlert(alert), switched });
    this.publishSnapshot();
    return this.lifecycle.status;
  }

  /** Stopping waits for a strategy run in flight: the state says "stopping" meanwhile. */
  private async stop(): Promise<BotStatus> {
    const to = this.lifecycle.transition('stopBot');
    if (to.state === 'stopping') {
      await this.trading?.idle();
      this.lifecycle.settle('stopped', null);
    }
    return this.lifecycle.status;
  }

  /** Quit, logoff, shutdown: stop the timers, let a run in flight finish its journal writes (each is fsync'd), let go of the cache. */
  async close(): Promise<void> {
    await this.sweep.cancel();
    this.feeds.stop();
    await this.lastSnapshot?.flush();
    this.dailyRun.stop();
    this.liveFills.stop();
    await this.paperFills.idle();
    await this.trading?.idle();
    await this.session.close();
  }

  /** how the last strategy run ended (tests and the "why not yet" view read it) */
  get lastCycleExit(): CycleExit | null {
    return this.trading?.lastExit ?? null;
  }

  get settings(): Settings {
    return this.settingsKeeper.value;
  }

  /** For the shell: launch-at-login and theme follow the settings. */
  onSettingsChange(listener: (settings: Settings) => void): () => void {
    return this.settingsKeeper.onChange(listener);
  }

  on<K extends EventName>(event: K, listener: Listener<K>): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  snapshot(): Snapshot {
    const ticker = this.feeds.ticker.state();
    return buildSnapshot({
      version: this.version,
      now: this.clock.now(),
      status: this.lifecycle.status,
      nextRunAt: this.dailyRun.nextRunAt,
      market: this.marketSummary.of(ticker, this.precision.value),
      ticker,
      book: this.feeds.orderBook.state(),
      precision: this.precision.value,
      trading: this.trading,
      alerts: this.alerts.recent(),
      apiHealth: this.session.client.health(),
      dailyCandles: this.feeds.dailyCandles.state(),
      settings: this.settings,
      whyNot: this.whyNot,
      lastKnown: this.lastKnown,
    });
  }

  /** Raise an alert to every listener (page, tray, notifications); null when it repeats a recent one. */
  raiseAlert(alert: AlertInput): Alert | null {
    return this.alerts.raise(alert);
  }

  /** After sleep the world moved on: the engine re-reads state before it trusts anything it held. */
  /**
   * The machine is about to sleep: the daily timer is dropped (resume arms it
   * afresh) and a strategy run in flight may finish its journal writes. The
   * journal is fsync'd on every write, so nothing else needs flushing.
   */
  async handleSystemSuspend(): Promise<void> {
    this.logger.info('System going to sleep: the daily run is re-armed on wake-up.');
    this.dailyRun.stop();
    await this.trading?.idle();
  }

  async handleSystemResume(): Promise<void> {
    this.logger.info('System resumed from sleep: refreshing state.');
    await Promise.all([this.feeds.ticker.refresh(), this.feeds.orderBook.refresh(), this.feeds.dailyCandles.refresh()]);
    // Orders may have filled or been sent while asleep: settle every unfinished intent first.
    if (this.trading?.ready) await this.trading.reconcile().then(() => this.trading?.refresh()).catch((error: Error) => this.logger.warn(`Reconcile after resume: ${error.message}`));
    // A timer armed before sleep may fire late or not at all: arm the daily run afresh.
    this.dailyRun.reschedule();
    this.publishSnapshot();
  }

  private async testConnection(): Promise<ConnectionTest> {
    const result = await testConnection(await this.session.probe(), this.clock);
    if (result.canWithdraw) this.raiseAlert({ severity: 'warning', kind: 'api-keys', message: WITHDRAW_PERMISSION_WARNING });
    return result;
  }

  private async candles(timeframe: Candles['timeframe'], limit: number): Promise<Candles> {
    try {
      // The client's own verdict: dated by MEXC's answer or the newest push, stale when cached while MEXC fails (issue 17).
      const { rows, fetchedAt, stale } = await this.session.client.fetchOHLCVServed(this.symbol, timeframe, { limit });
      return { timeframe, candles: toCandles(rows, this.precision.value), fetchedAt, stale };
    } catch (error) {
      throw new ContractFailure('INVALID_STATE', `Candles are unavailable right now: ${(error as Error).message}`);
    }
  }

  private async saveSettings(next: Settings): Promise<Settings> {
    const saved = await this.settingsKeeper.save(next);
    // A new daily run time takes effect now, not at the next pause/resume.
    this.dailyRun.reschedule();
    this.publishSnapshot();
    return saved;
  }

  /** Each market update: precision, trading's opening, paper fills, the market alerts, one snapshot. */
  private onMarketData() {
    void this.precision.load(this.session.client, this.symbol);
    void this.openTrading();
    if (this.trading?.ready) this.paperFills.request();
    this.marketAlerts.check(this.marketSummary.of(this.feeds.ticker.state(), this.precision.value), this.settings.priceAlerts, this.session.client);
    this.publishSnapshot();
  }

  /** One paper-fill pass against the newest fresh book (CoalescedPass says why one at a time). */
  private async paperFillPass(): Promise<void> {
    const trading = this.trading;
    const book = this.feeds.orderBook.state();
    if (!trading?.ready || book.stale || !book.value) return;
    // The tape is read only while a paper order rests: nothing else needs it.
    const readTrades = trading.countOpenOwnOrders('paper') > 0 ? () => this.session.client.fetchTrades(this.symbol, TAPE_TRADES) : null;
    await trading.onMarket(await paperMarketView({ book: book.value, ticker: this.feeds.ticker.state().value ?? null, readTrades }));
  }

  /** Snapshots are coalesced: many changes in one tick publish once. */
  private publishSnapshot(): void {
    if (this.publishPending) return;
    this.publishPending = true;
    queueMicrotask(() => {
      this.publishPending = false;
      this.version += 1;
      this.emit('snapshot', this.snapshot());
    });
  }

  private emit<K extends EventName>(event: K, payload: EventPayload<K>): void {
    this.emitter.emit(event, payload);
  }
}
