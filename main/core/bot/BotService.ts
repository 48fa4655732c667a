import { EventEmitter } from 'node:events';
import {
  ContractFailure,
  type Alert,
  type BotStatus,
  type Candles,
  type CommandHandlers,
  type ConnectionTest,
  type EventName,
  type EventPayload,
  type Snapshot,
} from '../../../shared/contract';
import { defaultSettings, settingsProblems, type Settings } from '../../../shared/settings';
import { AlertCenter, type AlertInput } from '../alerts/AlertCenter';
import { PriceAlertWatcher } from '../alerts/PriceAlertWatcher';
import { systemClock, systemTimers, type Clock, type Timers } from '../clock';
import { DEFAULT_SYMBOL } from '../defaults';
import { Logger } from '../logging/Logger';
import { MarketFeeds } from '../market/MarketFeeds';
import { toCandles, toMarketSummary, toOrderBookView, type DisplayPrecision } from '../market/toContract';
import { ApiKeys } from '../secrets/ApiKeys';
import type { SecretStore } from '../secrets/SecretStore';
import { SettingsStore } from '../settings/SettingsStore';
import { nextBotState, type LifecycleCommand } from './botTransitions';
import { ExchangeSession } from './ExchangeSession';

export interface BotServiceOptions {
  /** where API keys live: the OS keychain in the app */
  secretStore: SecretStore;
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
  sleep?: (ms: number) => Promise<void>;
}

type Listener<K extends EventName> = (payload: EventPayload<K>) => void;

/** QRL/USDT's display precision until the exchange's market info has loaded. */
const FALLBACK_PRECISION: DisplayPrecision = { price: 4, amount: 2 };

/**
 * The engine's whole API: implements every command of shared/contract.ts and
 * publishes its events. Transports (IPC, WebSocket) only validate and forward.
 */
export class BotService {
  private readonly clock: Clock;
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
  private precision: DisplayPrecision = FALLBACK_PRECISION;
  private publishPending = false;
  private lastBreakerState = 'closed';
  readonly logger: Logger;
  readonly symbol: string;
  private status: BotStatus;
  private version = 0;

  constructor(options: BotServiceOptions) {
    this.clock = options.clock ?? systemClock;
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
    this.session = new ExchangeSession({
      apiKeys: this.apiKeys,
      clock: this.clock,
      logger: this.logger,
      env,
      baseUrl: options.exchangeBaseUrl ?? (env.MEXC_BASE_URL || undefined),
      sleep: options.sleep,
    });
    this.feeds = new MarketFeeds({
      symbol: this.symbol,
      source: () => this.session.client,
      clock: this.clock,
      timers: this.timers,
      onChange: () => this.onMarketData(),
    });
    // Dry-run is the default: live trading is only ever an explicit choice.
    this.status = { state: 'stopped', mode: 'dry-run', symbol: this.symbol, since: this.clock.now(), reason: null };
  }

  readonly handlers: CommandHandlers = {
    getSnapshot: async () => this.snapshot(),
    startBot: async () => this.transition('startBot'),
    pauseBot: async () => this.transition('pauseBot'),
    resumeBot: async () => this.transition('resumeBot'),
    stopBot: async () => this.transition('stopBot'),
    killSwitch: async () => this.transition('killSwitch', 'Kill switch engaged: trading paused until you resume.'),
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
    // Wired as the trading engine lands (brokers, journal, backtest); until then they say so.
    setMode: async () => this.notYet('setMode'),
    runNow: async () => this.notYet('runNow'),
    cancelOrder: async () => this.notYet('cancelOrder'),
    cancelAllOrders: async () => this.notYet('cancelAllOrders'),
    runBacktest: async () => this.notYet('runBacktest'),
    getTradeHistory: async () => this.notYet('getTradeHistory'),
    exportTrades: async () => this.notYet('exportTrades'),
    resetPaperWallet: async () => this.notYet('resetPaperWallet'),
  };

  /** Load what is on disk, connect, start the market feeds. A damaged settings file is reported, never fatal. */
  async init(): Promise<void> {
    if (this.settingsStore) {
      const { problem } = await this.settingsStore.load();
      if (problem) {
        this.logger.error(problem);
        this.raiseAlert({ severity: 'critical', kind: 'settings', message: problem });
      }
    }
    this.settingsListeners.forEach((listener) => listener(this.settings));
    await this.session.rebuild(this.settings);
    this.feeds.start();
  }

  /** Stop polling and let go of the cache (Redis connection). */
  async close(): Promise<void> {
    this.feeds.stop();
    await this.session.close();
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
    return {
      version: this.version,
      time: this.clock.now(),
      status: { ...this.status },
      nextRunAt: null,
      lastDecision: null,
      market: ticker.value && ticker.fetchedAt !== null ? toMarketSummary(ticker.value, this.precision, ticker.fetchedAt, ticker.stale) : null,
      orderBook: book.value && book.fetchedAt !== null ? toOrderBookView(book.value, this.precision, 20, book.fetchedAt, book.stale) : null,
      balances: null,
      openOrders: [],
      recentFills: [],
      pnl: null,
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
    this.publishSnapshot();
  }

  private notYet(command: string): never {
    throw new ContractFailure('INVALID_STATE', `${command} is not available in this build yet.`);
  }

  private async testConnection(): Promise<ConnectionTest> {
    const probe = await this.session.probe();
    if (!probe) return { ok: false, canTrade: false, latencyMs: null, message: 'No API keys saved yet.' };
    const started = this.clock.now();
    try {
      const balance = await probe.fetchBalance();
      const info = (balance.info ?? {}) as { canTrade?: boolean };
      const canTrade = info.canTrade === true;
      return {
        ok: true,
        canTrade,
        latencyMs: this.clock.now() - started,
        message: canTrade ? 'Connected: these keys can read the account and trade.' : 'Connected, read-only: these keys cannot place orders (live mode needs trade permission).',
      };
    } catch (error) {
      return { ok: false, canTrade: false, latencyMs: null, message: `MEXC refused the keys or could not be reached: ${(error as Error).message}` };
    }
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
    const saved = this.settingsStore ? await this.settingsStore.save(next) : (this.inMemorySettings = next);
    this.logger.info('Settings saved.');
    await this.session.rebuild(saved);
    this.settingsListeners.forEach((listener) => listener(saved));
    this.publishSnapshot();
    return saved;
  }

  private onMarketData() {
    void this.loadPrecision();
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
    const to = nextBotState(command, this.status.state);
    this.status = { ...this.status, state: to, since: this.clock.now(), reason };
    this.publishSnapshot();
    return { ...this.status };
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
