/**
 * MEXC's documented request weights (mexc-spot-v3.md §2.4), by ccxt's implicit
 * method path. The limiter charges these, not ccxt's coarser costs.
 */
export const MEXC_WEIGHTS: Record<string, { ip: number; uid?: number; signed?: boolean }> = {
  'GET ping': { ip: 1 },
  'GET time': { ip: 1 },
  'GET exchangeInfo': { ip: 10 },
  'GET depth': { ip: 1 },
  'GET trades': { ip: 5 },
  'GET aggTrades': { ip: 1 },
  'GET klines': { ip: 1 },
  'GET avgPrice': { ip: 1 },
  'GET ticker/24hr': { ip: 1 },
  'GET ticker/24hr (all)': { ip: 40 },
  'GET ticker/price': { ip: 1 },
  'GET ticker/bookTicker': { ip: 1 },
  'GET account': { ip: 10, signed: true },
  'POST order': { ip: 1, uid: 1, signed: true },
  'POST order/test': { ip: 1, signed: true },
  'GET order': { ip: 2, signed: true },
  'DELETE order': { ip: 1, signed: true },
  'GET openOrders': { ip: 3, signed: true },
  'DELETE openOrders': { ip: 1, signed: true },
  'GET allOrders': { ip: 10, signed: true },
  'GET myTrades': { ip: 10, signed: true },
  'GET tradeFee': { ip: 20, signed: true },
  'GET capital/config/getall': { ip: 10, signed: true },
};

export const MEXC_LIMIT = { windowMs: 10_000, maxWeight: 500 } as const;

/** The weight of one request, as MEXC counts it. */
export function weightOf(method: string, path: string, params: Record<string, unknown>): { ip: number; uid: number } {
  const key = path === 'ticker/24hr' && params.symbol === undefined ? 'GET ticker/24hr (all)' : `${method} ${path}`;
  const entry = MEXC_WEIGHTS[key] ?? { ip: 1 };
  return { ip: entry.ip, uid: entry.signed ? (entry.uid ?? entry.ip) : 0 };
}
