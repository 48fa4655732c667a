import { EventEmitter } from 'node:events';
import {
  ContractFailure,
  type Alert,
  type BotState,
  type BotStatus,
  type CommandHandlers,
  type EventName,
  type EventPayload,
  type Snapshot,
  type TradingMode,
} from '../../../shared/contract';
import { systemClock, type Clock } from '../clock';
import { DEFAULT_SYMBOL } from '../defaults';
import { ApiKeys } from '../secrets/ApiKeys';
import type { SecretStore } from '../secrets/SecretStore';

export interface BotServiceOptions {
  /** where API keys live: the OS keychain in the app */
  secretStore: SecretStore;
  clock?: Clock;
  symbol?: string;
}

type Listener<K extends EventName> = (payload: EventPayload<K>) => void;

/** Which state each lifecycle command may start from, and where it leads. */
const transitions: Record<'startBot' | 'pauseBot' | 'resumeBot' | 'stopBot' | 'killSwitch', { from: BotState[]; to: BotState }> = {
  startBot: { from: ['stopped', 'error'], to: 'running' },
  pauseBot: { from: ['running'], to: 'paused' },
  resumeBot: { from: ['paused'], to: 'running' },
  stopBot: { from: ['running', 'paused', 'error'], to: 'stopped' },
  killSwitch: { from: ['running', 'paused', 'error'], to: 'paused' },
};

/**
 * The engine's whole API: implements every command of shared/contract.ts and
 * publishes its events. Transports (IPC, WebSocket) only validate and forward.
 */
export class BotService {
  private readonly clock: Clock;
  private readonly emitter = new EventEmitter();
  private readonly apiKeys: ApiKeys;
  private status: BotStatus;
  private version = 0;
  private alertSequence = 0;

  constructor(options: BotServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.apiKeys = new ApiKeys(options.secretStore);
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
    getSettings: async () => this.notYet('getSettings'),
    setSettings: async () => this.notYet('setSettings'),
    setMode: async () => this.notYet('setMode'),
    runNow: async () => this.notYet('runNow'),
    cancelOrder: async () => this.notYet('cancelOrder'),
    cancelAllOrders: async () => this.notYet('cancelAllOrders'),
    getCandles: async () => this.notYet('getCandles'),
    runBacktest: async () => this.notYet('runBacktest'),
    getTradeHistory: async () => this.notYet('getTradeHistory'),
    exportTrades: async () => this.notYet('exportTrades'),
    resetPaperWallet: async () => this.notYet('resetPaperWallet'),
    acknowledgeAlerts: async () => this.notYet('acknowledgeAlerts'),
  };

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
      alerts: [],
      apiHealth: null,
    };
  }

  /** Raise an alert to every listener (page, tray, notifications). */
  publishAlert(alert: Omit<Alert, 'id' | 'time'>): Alert {
    const time = this.clock.now();
    const published: Alert = { ...alert, id: `${time}-${++this.alertSequence}`, time };
    this.emit('alert', published);
    return published;
  }

  /** After sleep the world moved on: the engine re-reads state before it trusts anything it held. */
  async handleSystemResume(): Promise<void> {
    this.emit('log', { time: this.clock.now(), level: 'info', message: 'System resumed from sleep: refreshing state.' });
    this.publishSnapshot();
  }

  private transition(command: keyof typeof transitions, reason: string | null = null): BotStatus {
    const { from, to } = transitions[command];
    if (!from.includes(this.status.state)) {
      throw new ContractFailure(
        'INVALID_STATE',
        command === 'killSwitch'
          ? `The kill switch is for a bot that is running or paused; it is ${this.status.state}.`
          : `Cannot ${command.replace('Bot', '')} the bot while it is ${this.status.state}.`,
      );
    }
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
