import { createHash } from 'node:crypto';
import type { Settings } from '../../../shared/settings';
import type { Cache } from '../cache/Cache';
import { resolveCacheTtls } from '../cache/cacheTtls';
import { MemoryCache } from '../cache/MemoryCache';
import { systemClock, systemTimers, type Clock, type Timers } from '../clock';
import { MexcClient } from '../exchange/MexcClient';
import { RedisSharing } from '../exchange/RedisSharing';
import { createMexcExchange } from '../exchange/SpotOnlyMexc';
import { MEXC_WS_URL } from '../exchange/streams/MexcStreams';
import type { Logger } from '../logging/Logger';
import type { ApiKeys } from '../secrets/ApiKeys';
import { KeytarSecretEntry } from '../secrets/KeytarSecretEntry';
import { REDIS_PASSWORD_ACCOUNT, RedisPassword } from '../secrets/RedisPassword';
import type { SecretEntry } from '../secrets/SecretEntry';
import { splitRedisPassword } from '../../../shared/splitRedisPassword';

export interface ExchangeSessionOptions {
  apiKeys: ApiKeys;
  /** where the Redis URL's password lives: the OS keychain unless a test passes its own */
  redisPassword?: SecretEntry;
  clock: Clock;
  logger: Logger;
  env: NodeJS.ProcessEnv;
  /** MEXC's REST base; the simulator's in tests (MEXC_BASE_URL) */
  baseUrl?: string;
  /** MEXC's WebSocket (MEXC_WS_URL); null: REST only */
  streamUrl?: string | null;
  timers?: Timers;
  sleep?: (ms: number) => Promise<void>;
  /** the one market the engine trades: only its rules are loaded from MEXC (issue 16) */
  symbol?: string;
}

/**
 * Where the push streams connect: MEXC_WS_URL when set ("off" for none);
 * MEXC's own when the REST base is MEXC's; none for another REST base (the
 * simulator, a proxy), which would not serve MEXC's WebSocket unasked.
 */
export function streamUrlFrom(env: NodeJS.ProcessEnv, customBaseUrl: string | undefined): string | null {
  const configured = env.MEXC_WS_URL?.trim();
  if (configured) return configured === 'off' ? null : configured;
  return customBaseUrl ? null : MEXC_WS_URL;
}

/**
 * Owns the exchange client and its cache. The keys, and the Redis password,
 * are read from the keychain here and only here, when a client or cache is
 * built; saving or clearing keys, or a new Redis URL, builds a new one.
 */
/** A stable, one-way name for the account an API key trades (journal intents record it): 16 hex of its SHA-256. */
export function accountFingerprint(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex').slice(0, 16);
}

export class ExchangeSession {
  private current: MexcClient;
  private cache: Cache;
  private cacheUrl: string | null = null;
  /** with a Redis URL: the cache, weight budget and single-flight every instance on it shares (issue 16) */
  private sharing: RedisSharing | null = null;
  readonly redisPassword: RedisPassword;

  constructor(private readonly options: ExchangeSessionOptions) {
    this.cache = new MemoryCache(options.clock);
    this.current = this.build(null, resolveCacheTtls(options.env));
    this.redisPassword = new RedisPassword(options.redisPassword ?? new KeytarSecretEntry(REDIS_PASSWORD_ACCOUNT));
  }

  get client(): MexcClient {
    return this.current;
  }

  /** Told when MEXC pushes an order change or fill of the account (any client this session builds). */
  onAccountActivity: (() => void) | null = null;

  /** which MEXC account the client trades: a fingerprint of the API key, never the key; null with no keys */
  accountId: string | null = null;

  /** Rebuild with the saved keys and the settings' cache choices. */
  async rebuild(settings: Settings): Promise<MexcClient> {
    const redisUrl = await this.redisUrl(settings);
    if (redisUrl !== this.cacheUrl) {
      await (this.sharing ?? this.cache).close();
      this.sharing = redisUrl ? this.redisSharing(redisUrl) : null;
      this.cache = this.sharing?.cache ?? new MemoryCache(this.options.clock);
      this.cacheUrl = redisUrl;
    }
    const credentials = await this.options.apiKeys.credentials().catch(() => null);
    if (credentials) {
      this.options.logger.redact(credentials.apiKey);
      this.options.logger.redact(credentials.secret);
    }
    this.current.close();
    this.accountId = credentials ? accountFingerprint(credentials.apiKey) : null;
    this.current = this.build(credentials, resolveCacheTtls(this.options.env, settings.cacheTtl));
    return this.current;
  }

  /** REDIS_URL wins over the settings; its password, or the keychain's, is redacted from every log line. */
  private async redisUrl(settings: Settings): Promise<string | null> {
    const fromEnv = this.options.env.REDIS_URL;
    let connection: { url: string; password: string | null } | null;
    try {
      connection = fromEnv ? { url: fromEnv, password: splitRedisPassword(fromEnv).password } : await this.redisPassword.connection(settings);
    } catch (error) {
      // An unreadable REDIS_URL or a locked keychain: the cache is an optimisation, so memory serves and the log says why.
      this.options.logger.warn(`Redis is not used: ${fromEnv ? 'REDIS_URL is not a valid URL' : (error as Error).message}. Serving from the in-memory cache.`);
      return null;
    }
    if (connection?.password) {
      this.options.logger.redact(connection.password);
      this.options.logger.redact(encodeURIComponent(connection.password));
    }
    return connection?.url ?? null;
  }

  private redisSharing(url: string): RedisSharing | null {
    try {
      return new RedisSharing(url, {
        clock: this.options.clock,
        timers: this.options.timers ?? systemTimers,
        env: this.options.env,
        // Instances share Redis's clock; an engine on a virtual clock (tests) waits in virtual time, so its window follows that clock.
        windowClock: this.options.clock === systemClock ? undefined : this.options.clock,
        onError: (reason) => this.options.logger.warn(`Redis is unavailable (${reason}): serving from memory and this instance's share of MEXC's budget until it answers.`),
      });
    } catch (error) {
      this.options.logger.warn(`${(error as Error).message}. Serving from the in-memory cache.`);
      return null;
    }
  }

  /** A throwaway client with the saved keys, for "test connection": nothing cached. */
  async probe(): Promise<MexcClient | null> {
    const credentials = await this.options.apiKeys.credentials();
    if (!credentials) return null;
    return this.build(credentials, resolveCacheTtls(this.options.env), new MemoryCache(this.options.clock), false);
  }

  async close(): Promise<void> {
    this.current.close();
    await (this.sharing ?? this.cache).close();
  }

  private build(credentials: { apiKey: string; secret: string } | null, ttls: Settings['cacheTtl'], cache: Cache = this.cache, streams = true): MexcClient {
    const exchange = createMexcExchange({ baseUrl: this.options.baseUrl, clock: this.options.clock, marketSymbols: this.options.symbol ? [this.options.symbol] : undefined, ...(credentials ?? {}) });
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    return new MexcClient({
      exchange,
      cache,
      ttls,
      clock: this.options.clock,
      sleep,
      // Instances on one Redis share MEXC's budget and their reads (issue 16); the account by its fingerprint.
      ...(this.sharing && cache === this.sharing.cache ? this.sharing.forClient(credentials ? accountFingerprint(credentials.apiKey) : null, sleep) : {}),
      streamUrl: streams ? (this.options.streamUrl ?? null) : null,
      timers: this.options.timers,
      onAccountActivity: () => this.onAccountActivity?.(),
    });
  }
}
