import type { Alert, LogEntry } from '../../../shared/contract';
import type { Settings } from '../../../shared/settings';
import { AlertCenter, type AlertInput } from '../alerts/AlertCenter';
import { systemClock, systemTimers, type Clock, type Timers } from '../clock';
import { DEFAULT_SYMBOL } from '../defaults';
import { Logger } from '../logging/Logger';
import { MarketFeeds } from '../market/MarketFeeds';
import { ApiKeys } from '../secrets/ApiKeys';
import type { SecretEntry } from '../secrets/SecretEntry';
import type { SecretStore } from '../secrets/SecretStore';
import { SettingsStore } from '../settings/SettingsStore';
import { systemUtcOffset, type UtcOffset } from '../trading/localDay';
import { ExchangeSession, streamUrlFrom } from './ExchangeSession';
import { LastSnapshotFile } from './LastSnapshotFile';
import { TradingEngine } from './TradingEngine';

// Why a module of its own: the start-up composition. Every part of the engine is built here, from the options, in one readable list (README.md, Architecture).

export interface EngineOptions {
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

/** How the parts talk back to the service that owns them. */
export interface EngineHooks {
  settings(): Settings;
  onLog(entry: LogEntry): void;
  onAlert(alert: Alert): void;
  raiseAlert(alert: AlertInput): void;
  onMarketData(): void;
  onCandleClose(): void;
  onTradingChange(): void;
}

export interface EngineParts {
  clock: Clock;
  utcOffset: UtcOffset;
  timers: Timers;
  logger: Logger;
  symbol: string;
  apiKeys: ApiKeys;
  alerts: AlertCenter;
  /** null without a data folder: settings then live in memory */
  settingsStore: SettingsStore | null;
  session: ExchangeSession;
  feeds: MarketFeeds;
  /** null without a data folder: trading keeps a journal and a paper wallet on disk */
  trading: TradingEngine | null;
  /** null without a data folder: the last price, shown at once on the next start */
  lastSnapshot: LastSnapshotFile | null;
}

/** Builds the engine's parts from the options: clock, logger, keys, alerts, settings, exchange session, market feeds, trading. */
export function composeEngine(options: EngineOptions, hooks: EngineHooks): EngineParts {
  const clock = options.clock ?? systemClock;
  const utcOffset = options.utcOffset ?? systemUtcOffset;
  const timers = options.timers ?? systemTimers;
  const symbol = options.symbol ?? DEFAULT_SYMBOL;
  const logger = options.logger ?? new Logger(clock);
  logger.addSink((entry) => hooks.onLog(entry));

  const apiKeys = new ApiKeys(options.secretStore);
  apiKeys.onChange(() => void session.rebuild(hooks.settings()));
  const alerts = new AlertCenter({ clock });
  alerts.onAlert((alert) => hooks.onAlert(alert));
  const settingsStore = options.dataDir ? new SettingsStore(options.dataDir, clock) : null;

  const env = options.env ?? {};
  const baseUrl = options.exchangeBaseUrl ?? (env.MEXC_BASE_URL || undefined);
  const streamUrl = options.exchangeStreamUrl !== undefined ? options.exchangeStreamUrl : streamUrlFrom(env, baseUrl);
  const session = new ExchangeSession({ apiKeys, redisPassword: options.redisPassword, clock, logger, env, baseUrl, streamUrl, timers, sleep: options.sleep, symbol });
  const feeds = new MarketFeeds({ symbol, source: () => session.client, clock, timers, dailyCandleLimit: () => hooks.settings().strategy.candleLimit, onChange: () => hooks.onMarketData() });

  const trading = options.dataDir
    ? new TradingEngine({
        dataDir: options.dataDir,
        symbol,
        clock,
        logger,
        client: () => session.client,
        liveAccount: () => session.accountId,
        settings: () => hooks.settings(),
        raiseAlert: (alert) => hooks.raiseAlert(alert),
        onChange: () => hooks.onTradingChange(),
        utcOffset,
      })
    : null;
  feeds.onCandleClose(() => hooks.onCandleClose());
  const lastSnapshot = options.dataDir ? new LastSnapshotFile({ dataDir: options.dataDir, symbol, clock, timers, logger }) : null;
  return { clock, utcOffset, timers, logger, symbol, apiKeys, alerts, settingsStore, session, feeds, trading, lastSnapshot };
}
