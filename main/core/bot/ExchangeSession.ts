import { createHash } from 'node:crypto';
import type { Settings } from '../../../shared/settings';
import type { Cache } from '../cache/Cache';
import { resolveCacheTtls } from '../cache/cacheTtls';
import { MemoryCache } from '../cache/MemoryCache';
import { RedisCache } from '../cache/RedisCache';
import type { Clock, Timers } from '../clock';
import { MexcClient } from '../exchange/MexcClient';
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
  readonly redisPassword: RedisPassword;

  constructor(private readonly options: ExchangeSessionOptions) {
    this.cache = new MemoryCache(options.clock);
    this.current = this.build(null, resolveCacheTtls(options.env));
    this.redisPassword = new RedisPassword(options.redisPassword ?? new KeytarSecretEntry(REDIS_PASSWORD_ACCOUNT));
  }

  get client(): MexcClient {
    return this.current;
  }

  /** which MEXC account the client trades: a fingerprint of the API key, never the key; null with no keys */
  accountId: string | null = null;

  /** Rebuild with the saved keys and the settings' cache choices. */
  async rebuild(settings: Settings): Promise<MexcClient> {
    const redisUrl = await this.redisUrl(settings);
    if (redisUrl !== this.cacheUrl) {
      await this.cache.close();
      this.cache = (redisUrl && this.redisCache(redisUrl)) || new MemoryCache(this.options.clock);
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

  private redisCache(url: string): RedisCache | null {
    try {
      return new RedisCache(url, this.options.clock, { onError: (reason) => this.options.logger.warn(`Redis is unavailable (${reason}): serving from memory until it answers.`) });
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
    await this.cache.close();
  }

  private build(credentials: { apiKey: string; secret: string } | null, ttls: Settings['cacheTtl'], cache: Cache = this.cache, streams = true): MexcClient {
    const exchange = createMexcExchange({ baseUrl: this.options.baseUrl, clock: this.options.clock, marketSymbols: this.options.symbol ? [this.options.symbol] : undefined, ...(credentials ?? {}) });
    return new MexcClient({
      exchange,
      cache,
      ttls,
      clock: this.options.clock,
      sleep: this.options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      streamUrl: streams ? (this.options.streamUrl ?? null) : null,
      timers: this.options.timers,
    });
  }
}
