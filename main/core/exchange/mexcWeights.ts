/**
 * MEXC's documented request weights (MEXC's Spot v3 docs, endpoint weights), keyed by method
 * and ccxt's implicit path. The limiter charges these, not ccxt's coarser
 * costs (ccxt charges a ticker 25 where MEXC counts 1). A signed request
 * counts against the account (UID) pool as well as the IP pool (§2.1).
 */
export const MEXC_WEIGHTS: Record<string, { ip: number; uid?: number; signed?: boolean }> = {
  'GET ping': { ip: 1 },
  'GET time': { ip: 1 },
  'GET defaultSymbols': { ip: 1 },
  'GET exchangeInfo': { ip: 10 },
  'GET depth': { ip: 1 },
  'GET trades': { ip: 5 },
  'GET historicalTrades': { ip: 1 },
  'GET aggTrades': { ip: 1 },
  'GET klines': { ip: 1 },
  'GET avgPrice': { ip: 1 },
  'GET ticker/24hr': { ip: 1 },
  'GET ticker/24hr (all)': { ip: 40 },
  'GET ticker/price': { ip: 1 },
  'GET ticker/price (all)': { ip: 2 },
  'GET ticker/bookTicker': { ip: 1 },
  'GET ticker/bookTicker (all)': { ip: 2 },
  'GET account': { ip: 10, signed: true },
  'POST order': { ip: 1, uid: 1, signed: true },
  'POST order/test': { ip: 1, signed: true },
  'POST batchOrders': { ip: 1, uid: 1, signed: true },
  'GET order': { ip: 2, signed: true },
  'DELETE order': { ip: 1, signed: true },
  'GET openOrders': { ip: 3, signed: true },
  'DELETE openOrders': { ip: 1, signed: true },
  'GET allOrders': { ip: 10, signed: true },
  'GET myTrades': { ip: 10, signed: true },
  'GET tradeFee': { ip: 20, signed: true },
  'GET capital/config/getall': { ip: 10, signed: true },
  'POST userDataStream': { ip: 1, signed: true },
  'PUT userDataStream': { ip: 1, signed: true },
  'DELETE userDataStream': { ip: 1, signed: true },
};

/** 500 weight per 10 s, per IP and per account (MEXC's Spot v3 docs, limits). */
export const MEXC_LIMIT = { windowMs: 10_000, maxWeight: 500 } as const;

/** Of each window, this share is kept free, for requests in flight and clock drift between us and MEXC. */
export const DEFAULT_WEIGHT_HEADROOM = 0.1;

/** The weight one window may spend: the limit less its headroom (both limiters, one rule). */
export function weightBudget(limit: number, headroom = DEFAULT_WEIGHT_HEADROOM): number {
  return Math.floor(limit * (1 - headroom));
}

export interface RequestWeight {
  ip: number;
  /** 0 for a public request */
  uid: number;
}

const tickerAll = new Set(['ticker/24hr', 'ticker/price', 'ticker/bookTicker']);

/** The weight of one request, as MEXC counts it; an endpoint missing from the table counts 1. */
export function weightOf(method: string, path: string, params: Record<string, unknown> = {}): RequestWeight {
  const key = tickerAll.has(path) && params.symbol === undefined ? `${method} ${path} (all)` : `${method} ${path}`;
  const entry = MEXC_WEIGHTS[key] ?? { ip: 1 };
  return { ip: entry.ip, uid: entry.signed ? (entry.uid ?? entry.ip) : 0 };
}
