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

export interface ExchangeSessionOptions {
  apiKeys: ApiKeys;
  clock: Clock;
  logger: Logger;
  env: NodeJS.ProcessEnv;
  /** MEXC's REST base; the simulator's in tests (MEXC_BASE_URL) */
  baseUrl?: string;
  /** MEXC's WebSocket (MEXC_WS_URL); null: REST only */
  streamUrl?: string | null;
  timers?: Timers;
  sleep?: (ms: number) => Promise<void>;
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
 * Owns the exchange client and its cache. The keys are read from the keychain
 * here and only here, when a client is built; saving or clearing keys, or a
 * new Redis URL, builds a new one.
 */
export class ExchangeSession {
  private current: MexcClient;
  private cache: Cache;
  private cacheUrl: string | null = null;

  constructor(private readonly options: ExchangeSessionOptions) {
    this.cache = new MemoryCache(options.clock);
    this.current = this.build(null, resolveCacheTtls(options.env));
  }

  get client(): MexcClient {
    return this.current;
  }

  /** Rebuild with the saved keys and the settings' cache choices. */
  async rebuild(settings: Settings): Promise<MexcClient> {
    const redisUrl = this.options.env.REDIS_URL || settings.redisUrl;
    if ((redisUrl ?? null) !== this.cacheUrl) {
      await this.cache.close();
      this.cache = redisUrl ? new RedisCache(redisUrl, this.options.clock) : new MemoryCache(this.options.clock);
      this.cacheUrl = redisUrl ?? null;
    }
    const credentials = await this.options.apiKeys.credentials().catch(() => null);
    if (credentials) {
      this.options.logger.redact(credentials.apiKey);
      this.options.logger.redact(credentials.secret);
    }
    this.current.close();
    this.current = this.build(credentials, resolveCacheTtls(this.options.env, settings.cacheTtl));
    return this.current;
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
    const exchange = createMexcExchange({ baseUrl: this.options.baseUrl, clock: this.options.clock, ...(credentials ?? {}) });
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
