import ccxt, { type Market } from 'ccxt';
import type { Clock } from '../clock';
import { MEXC_RECV_WINDOW_MS } from '../defaults';

/** MEXC's production REST base; tests and the simulator override it. */
export const MEXC_BASE_URL = 'https://api.mexc.com';

/** What SpotOnlyMexc adds to an HTTP error it throws, for the classifier (Retry-After, the status). */
export interface HttpErrorDetails {
  httpStatus?: number;
  retryAfterMs?: number;
}

/**
 * ccxt's mexc, spot only. mexc.fetchMarkets() also loads swap markets from
 * the contract API (`options.fetchMarkets.types` is never read), which costs a
 * slow, rate-limited call we never use: skip it (ccxt's mexc.js).
 */
export class SpotOnlyMexc extends ccxt.mexc {
  override async fetchSwapMarkets(_params = {}): Promise<Market[]> {
    return [];
  }

  /**
   * With `options.spotMarketIds`, exchangeInfo is asked for those markets
   * alone (`symbols=A,B`, mexc-spot-v3.md §2.3): the app trades one, and all
   * of MEXC's ~2,500 spot markets cost megabytes held for nothing (issue 16).
   */
  override async fetchSpotMarkets(params = {}): Promise<Market[]> {
    const ids = this.options['spotMarketIds'] as string[] | undefined;
    return super.fetchSpotMarkets(ids?.length ? { symbols: ids.join(','), ...params } : params);
  }

  /**
   * ccxt drops the response headers when it throws; keep the HTTP status and
   * Retry-After (seconds, sent with 429 and 418: MEXC's Spot v3 docs, limits) on the
   * error itself, so concurrent requests cannot mix them up.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- ccxt types this method's arguments as any
  override handleRestResponse(response: any, url: any, method?: string, requestHeaders?: any, requestBody?: any): any {
    const attach = (error: unknown) => {
      if (error !== null && typeof error === 'object') {
        const headers = this.getResponseHeaders(response) as Record<string, string | undefined>;
        const retryAfter = Number(headers['Retry-After']);
        const details = error as HttpErrorDetails;
        details.httpStatus = Number(response?.status) || undefined;
        if (headers['Retry-After'] !== undefined && Number.isFinite(retryAfter) && retryAfter >= 0) details.retryAfterMs = retryAfter * 1000;
      }
      throw error;
    };
    try {
      const result = super.handleRestResponse(response, url, method, requestHeaders, requestBody);
      return result instanceof Promise ? result.catch(attach) : result;
    } catch (error) {
      return attach(error);
    }
  }
}

export interface MexcExchangeOptions {
  baseUrl?: string;
  apiKey?: string;
  secret?: string;
  timeoutMs?: number;
  /** ccxt's own leaky-bucket throttle; off when our MEXC-weight limiter is in front */
  enableRateLimit?: boolean;
  /** the clock request timestamps come from (a virtual one in tests) */
  clock?: Clock;
  /** load only these markets ('QRL/USDT'); all of MEXC's spot markets when not given */
  marketSymbols?: string[];
}

/**
 * MEXC error codes ccxt leaves unmapped or maps too coarsely (ccxt's mexc.js error map),
 * so each becomes the right ccxt class and the classifier sees a transient or
 * permanent error rather than a plain ExchangeError.
 */
export const mexcExtraExactErrors = {
  /** too many requests (Binance-style code some MEXC gateways send) */
  '-1003': ccxt.RateLimitExceeded,
  /** signature invalid */
  '-1022': ccxt.AuthenticationError,
  /** invalid API key, IP or permission */
  '-2015': ccxt.AuthenticationError,
  /** order does not exist */
  '-2013': ccxt.OrderNotFound,
  /** unknown order sent (cancel) */
  '-2011': ccxt.OrderNotFound,
  /** IP not in the key's whitelist */
  '700006': ccxt.PermissionDenied,
  /** the key lacks the permission (ccxt: AuthenticationError) */
  '700007': ccxt.PermissionDenied,
  /** at most 500 open orders */
  '30029': ccxt.InvalidOrder,
  /** invalid access key (ccxt: BadRequest) */
  '10072': ccxt.AuthenticationError,
};

export function createMexcExchange(options: MexcExchangeOptions = {}): SpotOnlyMexc {
  const base = options.baseUrl ?? MEXC_BASE_URL;
  const exchange = new SpotOnlyMexc({
    apiKey: options.apiKey,
    secret: options.secret,
    timeout: options.timeoutMs ?? 10_000,
    enableRateLimit: options.enableRateLimit ?? false,
    urls: { api: { spot: { public: base, private: base } } },
    // With keys, loadMarkets would first call the signed capital/config/getall: not needed for spot.
    has: { fetchCurrencies: false },
    // MEXC's spot market id is the unified symbol without its slash (QRL/USDT → QRLUSDT).
    options: { adjustForTimeDifference: true, recvWindow: MEXC_RECV_WINDOW_MS, defaultType: 'spot', spotMarketIds: options.marketSymbols?.map((symbol) => symbol.replace('/', '')) },
    exceptions: { exact: mexcExtraExactErrors },
  });
  if (options.clock) {
    const clock = options.clock;
    // ccxt stamps signed requests with this.milliseconds(); a virtual day needs virtual stamps.
    exchange.milliseconds = () => clock.now();
  }
  return exchange;
}
