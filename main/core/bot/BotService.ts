import { EventEmitter } from 'node:events';
import {
  ContractFailure,
  type Alert,
  type BotStatus,
  type CommandHandlers,
  type EventName,
  type EventPayload,
  type Snapshot,
  type TradingMode,
} from '../../../shared/contract';
import { defaultSettings, type Settings } from '../../../shared/settings';
import { AlertCenter, type AlertInput } from '../alerts/AlertCenter';
import { systemClock, type Clock } from '../clock';
import { Logger } from '../logging/Logger';
import { SettingsStore } from '../settings/SettingsStore';
import { DEFAULT_SYMBOL } from '../defaults';
import { nextBotState, type LifecycleCommand } from './botTransitions';
import { ApiKeys } from '../secrets/ApiKeys';
import type { SecretStore } from '../secrets/SecretStore';

export interface BotServiceOptions {
  /** where API keys live: the OS keychain in the app */
  secretStore: SecretStore;
  /** the app's data folder (settings, journal, paper wallet); without one, settings live in memory */
  dataDir?: string;
  clock?: Clock;
  logger?: Logger;
  symbol?: string;
}

type Listener<K extends EventName> = (payload: EventPayload<K>) => void;

/**
 * The engine's whole API: implements every command of shared/contract.ts and
 * publishes its events. Transports (IPC, WebSocket) only validate and forward.
 */
export class BotService {
  private readonly clock: Clock;
  private readonly emitter = new EventEmitter();
  private readonly apiKeys: ApiKeys;
  private readonly alerts: AlertCenter;
  private readonly settingsStore: SettingsStore | null;
  private inMemorySettings: Settings = defaultSettings();
  private readonly settingsListeners = new Set<(settings: Settings) => void>();
  readonly logger: Logger;
  private status: BotStatus;
  private version = 0;

  constructor(options: BotServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? new Logger(this.clock);
    this.logger.addSink((entry) => this.emit('log', entry));
    this.apiKeys = new ApiKeys(options.secretStore);
    this.alerts = new AlertCenter({ clock: this.clock });
    this.alerts.onAlert((alert) => {
      this.emit('alert', alert);
      this.publishSnapshot();
    });
    this.settingsStore = options.dataDir ? new SettingsStore(options.dataDir, this.clock) : null;
    // Dry-run is the default: live trading is only ever an explicit choice.
    const mode: TradingMode = 'dry-run';
    this.status = {
      state: 'stopped',
      mode,
      symbol: options.symbol ?? DEFAULT_SYMBOL,
      since: this.clock.now(),
      reason: null,
    };
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
    // Wired as the engine's parts land (exchange client, brokers, backtest); until then they say so.
    testConnection: async () => this.notYet('testConnection'),
    getSettings: async () => this.settings,
    setSettings: async (next) => this.saveSettings(next),
    setMode: async () => this.notYet('setMode'),
    runNow: async () => this.notYet('runNow'),
    cancelOrder: async () => this.notYet('cancelOrder'),
    cancelAllOrders: async () => this.notYet('cancelAllOrders'),
    getCandles: async () => this.notYet('getCandles'),
    runBacktest: async () => this.notYet('runBacktest'),
    getTradeHistory: async () => this.notYet('getTradeHistory'),
    exportTrades: async () => this.notYet('exportTrades'),
    resetPaperWallet: async () => this.notYet('resetPaperWallet'),
    acknowledgeAlerts: async () => {
      const acknowledged = this.alerts.acknowledge();
      this.publishSnapshot();
      return { acknowledged };
    },
  };

  /** Load what is on disk; a damaged settings file is reported, never fatal. */
  async init(): Promise<void> {
    if (!this.settingsStore) return;
    const { problem } = await this.settingsStore.load();
    if (problem) {
      this.logger.error(problem);
      this.raiseAlert({ severity: 'critical', kind: 'settings', message: problem });
    }
    this.settingsListeners.forEach((listener) => listener(this.settings));
  }

  get settings(): Settings {
    return this.settingsStore?.settings ?? this.inMemorySettings;
  }

  /** For the shell: launch-at-login and theme follow the settings. */
  onSettingsChange(listener: (settings: Settings) => void): () => void {
    this.settingsListeners.add(listener);
    return () => this.settingsListeners.delete(listener);
  }

  private async saveSettings(next: Settings): Promise<Settings> {
    const saved = this.settingsStore ? await this.settingsStore.save(next) : (this.inMemorySettings = next);
    this.logger.info('Settings saved.');
    this.settingsListeners.forEach((listener) => listener(saved));
    this.publishSnapshot();
    return saved;
  }

  private notYet(command: string): never {
    throw new ContractFailure('INVALID_STATE', `${command} is not available in this build yet.`);
  }

  on<K extends EventName>(event: K, listener: Listener<K>): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  snapshot(): Snapshot {
    return {
      version: this.version,
      time: this.clock.now(),
      status: { ...this.status },
      nextRunAt: null,
      lastDecision: null,
      market: null,
      orderBook: null,
      balances: null,
      openOrders: [],
      recentFills: [],
      pnl: null,
      alerts: this.alerts.recent(),
      apiHealth: null,
    };
  }

  /** Raise an alert to every listener (page, tray, notifications); null when it repeats a recent one. */
  raiseAlert(alert: AlertInput): Alert | null {
    return this.alerts.raise(alert);
  }

  /** After sleep the world moved on: the engine re-reads state before it trusts anything it held. */
  async handleSystemResume(): Promise<void> {
    this.logger.info('System resumed from sleep: refreshing state.');
    this.publishSnapshot();
  }

  private transition(command: LifecycleCommand, reason: string | null = null): BotStatus {
    const to = nextBotState(command, this.status.state);
    this.status = { ...this.status, state: to, since: this.clock.now(), reason };
    this.publishSnapshot();
    return { ...this.status };
  }

  private publishSnapshot(): void {
    this.version += 1;
    this.emit('snapshot', this.snapshot());
  }

  private emit<K extends EventName>(event: K, payload: EventPayload<K>): void {
    this.emitter.emit(event, payload);
  }
}
