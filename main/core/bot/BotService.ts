import { EventEmitter } from 'node:events';
import {
  ContractFailure,
  type Alert,
  type BacktestResult,
  type BotState,
  type BotStatus,
  type Decision,
  type OpenOrdersChoice,
  type TradingMode,
  type Candles,
  type CommandHandlers,
  type ConnectionTest,
  type EventName,
  type EventPayload,
  type Snapshot,
} from '../../../shared/contract';
import { defaultSettings, settingsProblems, type Settings } from '../../../shared/settings';
import { WITHDRAW_PERMISSION_WARNING } from '../../../shared/withdrawPermissionWarning';
import { AlertCenter, type AlertInput } from '../alerts/AlertCenter';
import { PriceAlertWatcher } from '../alerts/PriceAlertWatcher';
import { systemClock, systemTimers, type Clock, type TimerHandle, type Timers } from '../clock';
import { DEFAULT_SYMBOL } from '../defaults';
import { Logger } from '../logging/Logger';
import { MarketFeeds } from '../market/MarketFeeds';
import { toCandles, toMarketSummary, toOrderBookView, type DisplayPrecision } from '../market/toContract';
import { ApiKeys } from '../secrets/ApiKeys';
import { moveRedisPasswordToKeychain } from '../secrets/moveRedisPasswordToKeychain';
import type { SecretEntry } from '../secrets/SecretEntry';
import type { SecretStore } from '../secrets/SecretStore';
import { SettingsStore } from '../settings/SettingsStore';
import { runBacktest } from '../trading/backtest';
import { marketInfoFromCcxt } from '../trading/MarketInfo';
import type { OHLCV } from '../trading/emaAccumulationStrategy';
import { nextBotState, runNowPlacesOrders, type LifecycleCommand } from './botLifecycle';
import { ForeignOrderError } from './BotOrders';
import type { CycleExit } from './cycleExits';
import { ExchangeSession, streamUrlFrom } from './ExchangeSession';
import { nextDailyRun } from './nextDailyRun';
import { testConnection } from './testConnection';
import { TradingEngine } from './TradingEngine';
import { systemUtcOffset, type UtcOffset } from '../trading/localDay';

export interface BotServiceOptions {
  /** where API keys live: the OS keychain in the app */
  secretStore: SecretStore;
  /** where the Redis URL's password lives: the OS keychain by default */
  redisPassword?: SecretEntry;
  /** the app's data folder (settings, journal, paper wallet); without one, settings live in memory */
  dataDir?: string;
  clock?: Clock;
  timers?: Timers;
  logger?: Logger;
  symbol?: string;
  /** REDIS_URL, REDIS_CACHE_TTL_*, MEXC_BASE_URL */
  env?: NodeJS.ProcessEnv;
  /** overrides MEXC_BASE_URL (tests point it at the simulator) */
  exchangeBaseUrl?: string;
  /** overrides MEXC_WS_URL (tests: the simulator's WebSocket); null: REST only */
  exchangeStreamUrl?: string | null;
  sleep?: (ms: number) => Promise<void>;
  /** the user's time zone for the daily run and the daily loss cap (this computer's unless given) */
  utcOffset?: UtcOffset;
}

type Listener<K extends EventName> = (payload: EventPayload<K>) => void;

/** How often live fills are read from MEXC (REST; the private stream comes later). */
export const LIVE_FILL_POLL_MS = 15_000;

/** QRL/USDT's display precision until the exchange's market info has loaded. */
const FALLBACK_PRECISION: DisplayPrecision = { price: 4, amount: 2 };

/**
 * The engine's whole API: implements every command of shared/contract.ts and
 * publishes its events. Transports (IPC, WebSocket) only validate and forward.
 */
export class BotService {
  private readonly clock: Clock;
  private readonly utcOffset: UtcOffset;
  private readonly timers: Timers;
  private readonly emitter = new EventEmitter();
  private readonly apiKeys: ApiKeys;
  private readonly alerts: AlertCenter;
  private readonly priceAlerts = new PriceAlertWatcher();
  private readonly settingsStore: SettingsStore | null;
  private inMemorySettings: Settings = defaultSettings();
  private readonly settingsListeners = new Set<(settings: Settings) => void>();
  private readonly session: ExchangeSession;
  private readonly feeds: MarketFeeds;
  private readonly trading: TradingEngine | null;
  private dailyTimer: TimerHandle | null = null;
  private liveFillTimer: TimerHandle | null = null;
  private nextRunAt: number | null = null;
  private precision: DisplayPrecision = FALLBACK_PRECISION;
  private publishPending = false;
  private lastBreakerState = 'closed';
  readonly logger: Logger;
  readonly symbol: string;
  private status: BotStatus;
  private version = 0;

  constructor(options: BotServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.utcOffset = options.utcOffset ?? systemUtcOffset;
    this.timers = options.timers ?? systemTimers;
    this.symbol = options.symbol ?? DEFAULT_SYMBOL;
    this.logger = options.logger ?? new Logger(this.clock);
    this.logger.addSink((entry) => this.emit('log', entry));
    this.apiKeys = new ApiKeys(options.secretStore);
    this.apiKeys.onChange(() => void this.session.rebuild(this.settings));
    this.alerts = new AlertCenter({ clock: this.clock });
    this.alerts.onAlert((alert) => {
      this.emit('alert', alert);
      this.publishSnapshot();
    });
    this.settingsStore = options.dataDir ? new SettingsStore(options.dataDir, this.clock) : null;
    const env = options.env ?? {};
    const baseUrl = options.exchangeBaseUrl ?? (env.MEXC_BASE_URL || undefined);
    this.session = new ExchangeSession({
      apiKeys: this.apiKeys,
      redisPassword: options.redisPassword,
      clock: this.clock,
      logger: this.logger,
      env,
      baseUrl,
      streamUrl: options.exchangeStreamUrl !== undefined ? options.exchangeStreamUrl : streamUrlFrom(env, baseUrl),
      timers: this.timers,
      sleep: options.sleep,
    });
    this.feeds = new MarketFeeds({
      symbol: this.symbol,
      source: () => this.session.client,
      clock: this.clock,
      timers: this.timers,
      onChange: () => this.onMarketData(),
    });
    // Trading keeps a journal and a paper wallet on disk: it needs the data folder.
    this.trading = options.dataDir
      ? new TradingEngine({
          dataDir: options.dataDir,
          symbol: this.symbol,
          clock: this.clock,
          logger: this.logger,
          client: () => this.session.client,
          liveAccount: () => this.session.accountId,
          settings: () => this.settings,
          raiseAlert: (alert) => void this.raiseAlert(alert),
          onChange: () => this.publishSnapshot(),
          utcOffset: this.utcOffset,
        })
      : null;
    this.feeds.onCandleClose(() => {
      if (this.status.state === 'running') void this.runStrategy('daily candle closed');
    });
    // Dry-run is the default: live trading is only ever an explicit choice.
    this.status = { state: 'stopped', mode: 'dry-run', symbol: this.symbol, since: this.clock.now(), reason: null };
  }

  readonly handlers: CommandHandlers = {
    getSnapshot: async () => this.snapshot(),
    startBot: async () => {
      const status = this.transition('startBot');
      this.trading?.releaseKillSwitch();
      return status;
    },
    pauseBot: async () => this.transition('pauseBot'),
    resumeBot: async () => {
      const status = this.transition('resumeBot');
      this.trading?.releaseKillSwitch();
      return status;
    },
    stopBot: async () => this.stop(),
    killSwitch: async () => {
      const status = this.transition('killSwitch', 'Kill switch engaged: the bot’s open orders canceled, no new orders until you start or resume.');
      try {
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
      nextBotState('runNow', this.status.state);
      return this.runStrategy('run now', runNowPlacesOrders(this.status.state));
    },
    cancelOrder: async ({ id }) => {
      const before = this.snapshot().openOrders.find((o) => o.id === id);
      const order = await this.tradingOrFail().cancelOrder(id).catch((error: Error) => {
        throw new ContractFailure('INVALID_STATE', error instanceof ForeignOrderError ? error.message : `Could not cancel ${id}: ${error.message}`);
      });
      return { ...(before ?? { clientOrderId: order.clientOrderId, side: order.side, type: order.type, price: order.price, amount: order.amount, time: order.timestamp, paper: order.id.startsWith('paper-'), placedByBot: true }), id: order.id, filled: order.filled, status: order.status };
    },
    cancelAllOrders: async () => ({ canceled: await this.tradingOrFail().cancelOwnOrders('all') }),
    runBacktest: async (input) => this.backtest(input.days, input.initialUsdt),
    getTradeHistory: async () => {
      const trading = this.tradingOrFail();
      const pnl = trading.history().pnl(this.lastPrice());
      return { fills: trading.contractFills(), pnl: { positionAmount: pnl.positionAmount, averageCost: pnl.averageCost, realized: pnl.realized, unrealized: pnl.unrealized } };
    },
    exportTrades: async () => {
      const csv = this.tradingOrFail().history().toCsv();
      const date = new Date(this.clock.now()).toISOString().slice(0, 10);
      return { fileName: `qrl-tray-bot-trades-${this.status.mode}-${date}.csv`, csv };
    },
    resetPaperWallet: async ({ usdt }) => {
      if (this.status.mode !== 'dry-run') throw new ContractFailure('INVALID_STATE', 'The paper wallet can only be reset in dry-run mode.');
      await this.tradingOrFail().resetPaperWallet(usdt);
      const balances = this.snapshot().balances;
      if (!balances) throw new ContractFailure('INVALID_STATE', 'The paper wallet is not loaded yet.');
      return balances;
    },
  };

  /** Load what is on disk, connect, start the market feeds. A damaged settings file is reported, never fatal. */
  async init(): Promise<void> {
    if (this.settingsStore) {
      const { problem } = await this.settingsStore.load();
      if (problem) {
        this.logger.error(problem);
        this.raiseAlert({ severity: 'critical', kind: 'settings', message: problem });
      }
      await moveRedisPasswordToKeychain(this.settingsStore, this.session.redisPassword, this.logger);
    }
    this.settingsListeners.forEach((listener) => listener(this.settings));
    await this.session.rebuild(this.settings);
    this.feeds.start();
    await this.openTrading();
  }

  /** The broker needs the market's rules; while MEXC is unreachable it retries on the next market update. */
  private async openTrading(): Promise<void> {
    if (!this.trading || this.trading.ready) return;
    try {
      await this.trading.open(this.status.mode);
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
  private async runStrategy(trigger: string, placeOrders = this.status.state === 'running'): Promise<Decision> {
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

  /** While running: the daily run at the configured local time (the original's 09:00 cron). */
  private scheduleDailyRun() {
    if (this.dailyTimer) this.timers.clearTimeout(this.dailyTimer);
    this.dailyTimer = null;
    this.nextRunAt = null;
    if (this.status.state !== 'running') return;
    const at = nextDailyRun(this.clock.now(), this.settings.strategy.dailyRunTime, this.utcOffset);
    this.nextRunAt = at;
    this.dailyTimer = this.timers.setTimeout(async () => {
      await this.runStrategy('daily run').catch(() => undefined);
      this.scheduleDailyRun();
    }, at - this.clock.now());
  }

  /** Live fills are read while live orders need tracking: live mode, or the bot's live orders kept open in dry-run. */
  private scheduleLiveFillPolling() {
    if (this.liveFillTimer) this.timers.clearTimeout(this.liveFillTimer);
    this.liveFillTimer = null;
    if (!this.trading?.tracksLive && this.status.mode !== 'live') return;
    this.liveFillTimer = this.timers.setTimeout(async () => {
      await this.trading?.pollLiveFills().catch((error: Error) => this.logger.warn(`Could not read fills: ${error.message}`));
      this.scheduleLiveFillPolling();
    }, LIVE_FILL_POLL_MS);
  }

  /**
   * Switching mode never strands the bot's open orders silently: with any open
   * in the mode being left, the user chooses to cancel them or keep them
   * (tracked as before); orders the bot did not place are never touched.
   */
  private async setMode(mode: TradingMode, openOrders: OpenOrdersChoice | undefined): Promise<BotStatus> {
    nextBotState('setMode', this.status.state);
    if (mode === this.status.mode) return { ...this.status };
    if (mode === 'live') {
      const check = await this.testConnection();
      if (!check.ok || !check.canTrade) throw new ContractFailure('INVALID_STATE', `Live mode needs API keys that can trade. ${check.message}`);
    }
    const leaving = this.status.mode === 'live' ? 'live' : 'paper';
    const open = this.trading?.ready ? this.trading.countOpenOwnOrders(leaving) : 0;
    if (open > 0 && !openOrders) {
      throw new ContractFailure('INVALID_STATE', `The bot has ${open} open ${leaving} order(s). Choose to cancel them or to keep them (they stay tracked) before switching mode.`);
    }
    let whatHappened = '';
    if (open > 0 && openOrders === 'cancel') {
      const canceled = await this.tradingOrFail().cancelOwnOrders(leaving);
      whatHappened = ` ${canceled} open ${leaving} order(s) of the bot canceled.`;
    } else if (open > 0) {
      whatHappened = ` ${open} open ${leaving} order(s) of the bot kept, and still tracked.`;
    }
    this.status = { ...this.status, mode, since: this.clock.now(), reason: mode === 'live' ? 'Live trading confirmed by the user.' : null };
    if (this.trading?.ready) await this.trading.setMode(mode);
    else if (this.trading) await this.openTrading();
    this.scheduleLiveFillPolling();
    this.raiseAlert({
      severity: mode === 'live' ? 'critical' : 'info',
      kind: 'mode',
      message: (mode === 'live' ? 'LIVE trading is on: orders now use real money.' : 'Back to dry-run: orders are simulated.') + whatHappened,
    });
    this.publishSnapshot();
    return { ...this.status };
  }

  /** Stopping waits for a strategy run in flight: the state says "stopping" meanwhile. */
  private async stop(): Promise<BotStatus> {
    const to = this.transition('stopBot');
    if (to.state === 'stopping') {
      await this.trading?.idle();
      this.setState('stopped', null);
    }
    return { ...this.status };
  }

  private async backtest(days: number, initialUsdt: string): Promise<BacktestResult> {
    const client = this.session.client;
    const settings = this.settings;
    let market;
    let rows;
    try {
      market = marketInfoFromCcxt((await client.market(this.symbol))!);
      rows = await client.fetchOHLCV(this.symbol, '1d', { limit: Math.min(1000, days + settings.strategy.emaSlow) });
    } catch (error) {
      throw new ContractFailure('INVALID_STATE', `History is unavailable right now: ${(error as Error).message}`);
    }
    const candles = rows.filter((c) => c.every((v) => typeof v === 'number')) as unknown as OHLCV[];
    const startAt = candles[Math.max(0, candles.length - days)]?.[0];
    let runId = '';
    const report = runBacktest({
      candles,
      params: settings.strategy,
      risk: settings.risk,
      market,
      initialUsdt,
      startAt,
      onProgress: (done, total) => this.emit('backtestProgress', { runId, done, total }),
    });
    runId = report.runId;
    return {
      runId: report.runId,
      from: report.from,
      to: report.to,
      trades: report.trades.map((t) => ({ time: t.time, side: t.side, price: t.price, amount: t.amount, cost: t.cost, fee: t.fee, reason: t.reason })),
      finalEquityUsdt: report.finalEquityUsdt,
      pnlUsdt: report.pnlUsdt,
      maxDrawdownPercent: report.maxDrawdownPercent,
      equity: report.equity,
    };
  }

  /** Quit, logoff, shutdown: stop the timers, let a run in flight finish its journal writes (each is fsync'd), let go of the cache. */
  async close(): Promise<void> {
    this.feeds.stop();
    if (this.dailyTimer) this.timers.clearTimeout(this.dailyTimer);
    if (this.liveFillTimer) this.timers.clearTimeout(this.liveFillTimer);
    await this.trading?.idle();
    await this.session.close();
  }

  /** how the last strategy run ended (tests and the "why not yet" view read it) */
  get lastCycleExit(): CycleExit | null {
    return this.trading?.lastExit ?? null;
  }

  get settings(): Settings {
    return this.settingsStore?.settings ?? this.inMemorySettings;
  }

  /** For the shell: launch-at-login and theme follow the settings. */
  onSettingsChange(listener: (settings: Settings) => void): () => void {
    this.settingsListeners.add(listener);
    return () => this.settingsListeners.delete(listener);
  }

  on<K extends EventName>(event: K, listener: Listener<K>): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  snapshot(): Snapshot {
    const ticker = this.feeds.ticker.state();
    const book = this.feeds.orderBook.state();
    const market = ticker.value && ticker.fetchedAt !== null ? toMarketSummary(ticker.value, this.precision, ticker.fetchedAt, ticker.stale) : null;
    const trading = this.trading?.ready
      ? this.trading.view(market?.last ?? null, ticker.fetchedAt ?? this.clock.now(), ticker.stale)
      : { balances: null, openOrders: [], recentFills: [], pnl: null };
    return {
      version: this.version,
      time: this.clock.now(),
      status: { ...this.status },
      nextRunAt: this.nextRunAt,
      lastDecision: this.trading?.decision ?? null,
      market,
      orderBook: book.value && book.fetchedAt !== null ? toOrderBookView(book.value, this.precision, 20, book.fetchedAt, book.stale) : null,
      ...trading,
      alerts: this.alerts.recent(),
      apiHealth: this.session.client.health(),
    };
  }

  /** Raise an alert to every listener (page, tray, notifications); null when it repeats a recent one. */
  raiseAlert(alert: AlertInput): Alert | null {
    return this.alerts.raise(alert);
  }

  /** After sleep the world moved on: the engine re-reads state before it trusts anything it held. */
  async handleSystemResume(): Promise<void> {
    this.logger.info('System resumed from sleep: refreshing state.');
    await Promise.all([this.feeds.ticker.refresh(), this.feeds.orderBook.refresh(), this.feeds.dailyCandles.refresh()]);
    // Orders may have filled or been sent while asleep: settle every unfinished intent first.
    if (this.trading?.ready) await this.trading.reconcile().then(() => this.trading?.refresh()).catch((error: Error) => this.logger.warn(`Reconcile after resume: ${error.message}`));
    // A timer armed before sleep may fire late or not at all: arm the daily run afresh.
    this.scheduleDailyRun();
    this.publishSnapshot();
  }

  private async testConnection(): Promise<ConnectionTest> {
    const result = await testConnection(await this.session.probe(), this.clock);
    if (result.canWithdraw) this.raiseAlert({ severity: 'warning', kind: 'api-keys', message: WITHDRAW_PERMISSION_WARNING });
    return result;
  }

  private async candles(timeframe: Candles['timeframe'], limit: number): Promise<Candles> {
    try {
      const rows = await this.session.client.fetchOHLCV(this.symbol, timeframe, { limit });
      return { timeframe, candles: toCandles(rows, this.precision), fetchedAt: this.clock.now(), stale: false };
    } catch (error) {
      throw new ContractFailure('INVALID_STATE', `Candles are unavailable right now: ${(error as Error).message}`);
    }
  }

  private async saveSettings(next: Settings): Promise<Settings> {
    const problems = settingsProblems(next);
    if (problems.length > 0) {
      throw new ContractFailure('INVALID_PAYLOAD', `Invalid settings: ${problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('; ')}`);
    }
    // The Redis password goes to the keychain before anything is written (issue 14).
    const secured = await this.session.redisPassword.secure(next, this.settings);
    const saved = this.settingsStore ? await this.settingsStore.save(secured) : (this.inMemorySettings = secured);
    this.logger.info('Settings saved.');
    await this.session.rebuild(saved);
    this.settingsListeners.forEach((listener) => listener(saved));
    // A new daily run time takes effect now, not at the next pause/resume.
    this.scheduleDailyRun();
    this.publishSnapshot();
    return saved;
  }

  private onMarketData() {
    void this.loadPrecision();
    void this.openTrading();
    const bookState = this.feeds.orderBook.state();
    const tickerState = this.feeds.ticker.state();
    if (this.trading?.ready && !bookState.stale && bookState.value) {
      void this.trading
        .onMarket({ bids: bookState.value.bids.map(([p, a]) => [String(p), String(a)] as const), asks: bookState.value.asks.map(([p, a]) => [String(p), String(a)] as const), last: tickerState.value?.last != null ? String(tickerState.value.last) : null })
        .catch((error: Error) => this.logger.warn(`Paper fills: ${error.message}`));
    }
    const ticker = this.feeds.ticker.state();
    const summary = ticker.value && ticker.fetchedAt !== null ? toMarketSummary(ticker.value, this.precision, ticker.fetchedAt, ticker.stale) : null;
    if (summary) {
      for (const alert of this.priceAlerts.check(this.settings.priceAlerts, this.symbol, summary.last, summary.change24hPercent)) this.raiseAlert(alert);
    }
    const breaker = this.session.client.breaker.state;
    if (breaker !== this.lastBreakerState) {
      this.lastBreakerState = breaker;
      if (breaker === 'open') this.raiseAlert({ severity: 'warning', kind: 'breaker', message: `MEXC is failing (${this.session.client.metrics.lastError ?? 'no answer'}): requests paused, data may be stale.` });
      else if (breaker === 'closed') this.logger.info('MEXC answers again: circuit closed.');
    }
    this.publishSnapshot();
  }

  private precisionLoaded = false;
  private async loadPrecision() {
    if (this.precisionLoaded) return;
    try {
      const market = await this.session.client.market(this.symbol);
      const decimals = (step: number | undefined, fallback: number) => (step ? Math.max(0, Math.round(-Math.log10(step))) : fallback);
      this.precision = { price: decimals(market?.precision?.price, FALLBACK_PRECISION.price), amount: decimals(market?.precision?.amount, FALLBACK_PRECISION.amount) };
      this.precisionLoaded = true;
    } catch {
      // keep the fallback; the next market update tries again
    }
  }

  private transition(command: LifecycleCommand, reason: string | null = null): BotStatus {
    this.setState(nextBotState(command, this.status.state), reason);
    return { ...this.status };
  }

  private setState(state: BotState, reason: string | null) {
    if (state !== this.status.state || reason !== null) this.status = { ...this.status, state, since: this.clock.now(), reason };
    this.scheduleDailyRun();
    this.publishSnapshot();
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
