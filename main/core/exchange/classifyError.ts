import ccxt from 'ccxt';
import type { HttpErrorDetails } from './SpotOnlyMexc';

/**
 * - transient: the request did not happen or may be repeated safely (network, timeout, 5xx, 429, 418);
 * - permanent: the request itself is wrong (auth, permission, params, funds, symbol): never retry;
 * - unknown-outcome: a write that may or may not have been executed (MEXC: "5XX … the execution
 *   status is unknown", MEXC's Spot v3 docs, HTTP status codes): reconcile by clientOrderId, never resend blind.
 */
export type ErrorClass = 'transient' | 'permanent' | 'unknown-outcome';

export interface Classified {
  kind: ErrorClass;
  /** from MEXC's Retry-After header, when it sent one */
  retryAfterMs: number | null;
  /** MEXC said "too many requests" (429) or banned us (418) */
  rateLimited: boolean;
  /** the request timestamp was outside MEXC's window: resync the clock before a retry */
  clockSkew: boolean;
}

/**
 * Decided once, here. `write` is for requests that change state (placing an
 * order): there, only a rejection that MEXC's gateway makes before the order
 * engine sees the request (429, 418, timestamp window) is known not to have
 * happened; every other transient failure leaves the outcome unknown.
 */
export function classifyError(error: unknown, { write = false }: { write?: boolean } = {}): Classified {
  const details = (error !== null && typeof error === 'object' ? error : {}) as HttpErrorDetails;
  const retryAfterMs = typeof details.retryAfterMs === 'number' ? details.retryAfterMs : null;
  const status = details.httpStatus ?? 0;
  const rateLimited = error instanceof ccxt.DDoSProtection || error instanceof ccxt.RateLimitExceeded || status === 429 || status === 418;
  const clockSkew = error instanceof ccxt.InvalidNonce;
  const result = (kind: ErrorClass): Classified => ({ kind, retryAfterMs, rateLimited, clockSkew });

  if (rateLimited || clockSkew) return result('transient');
  // ccxt: ExchangeNotAvailable, OnMaintenance, RequestTimeout extend NetworkError; BadResponse is an unreadable answer.
  const wireFailure =
    error instanceof ccxt.NetworkError ||
    error instanceof ccxt.BadResponse ||
    // An ExchangeError with a 5xx status is MEXC's own failure, whatever code the body carried.
    status >= 500 ||
    // Anything that is not a ccxt error (a TypeError from a malformed body, a socket error) is the wire, not the request.
    !(error instanceof ccxt.BaseError);
  if (wireFailure) return result(write ? 'unknown-outcome' : 'transient');
  return result('permanent');
}
