import ccxt, { type Market } from 'ccxt';
import type { Clock } from '../clock';

/** MEXC's production REST base; tests and the simulator override it. */
export const MEXC_BASE_URL = 'https://api.mexc.com';

/**
 * ccxt's mexc, spot only. mexc.fetchMarkets() also loads swap markets from
 * the contract API (`options.fetchMarkets.types` is never read), which costs a
 * slow, rate-limited call we never use: skip it (mexc-ccxt.md §1).
 */
export class SpotOnlyMexc extends ccxt.mexc {
  override async fetchSwapMarkets(_params = {}): Promise<Market[]> {
    return [];
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
}

/**
 * MEXC error codes ccxt leaves unmapped (mexc-ccxt.md §4), so each becomes the
 * right ccxt class and our classifier sees a transient or permanent error.
 */
const extraExactErrors = {
  '-1003': ccxt.RateLimitExceeded,
  '-1022': ccxt.AuthenticationError,
  '-2015': ccxt.AuthenticationError,
  '-2013': ccxt.OrderNotFound,
  '-2011': ccxt.OrderNotFound,
  '700006': ccxt.PermissionDenied,
  '700007': ccxt.PermissionDenied,
  '30029': ccxt.InvalidOrder,
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
    options: { adjustForTimeDifference: true, recvWindow: 5000, defaultType: 'spot' },
    exceptions: { exact: extraExactErrors },
  });
  if (options.clock) {
    const clock = options.clock;
    // ccxt stamps signed requests with this.milliseconds(); a virtual day needs virtual stamps.
    exchange.milliseconds = () => clock.now();
  }
  return exchange;
}
