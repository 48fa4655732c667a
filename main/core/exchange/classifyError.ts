import ccxt from 'ccxt';

export type ErrorClass = 'transient' | 'permanent';

export interface Classified {
  kind: ErrorClass;
  /** from a Retry-After header, when MEXC sent one */
  retryAfterMs: number | null;
}

/**
 * Decided once, here: network trouble, timeouts, 5xx, 429 and 418 are
 * transient and may be retried (reads only); everything the request itself
 * got wrong (auth, permission, parameters, funds, symbol) is permanent.
 */
export function classifyError(error: unknown): Classified {
  const retryAfterMs = readRetryAfter(error);
  // ccxt: RateLimitExceeded, DDoSProtection, ExchangeNotAvailable, OnMaintenance, RequestTimeout, InvalidNonce extend NetworkError.
  if (error instanceof ccxt.InvalidNonce) return { kind: 'transient', retryAfterMs };
  if (error instanceof ccxt.NetworkError) return { kind: 'transient', retryAfterMs };
  if (error instanceof ccxt.BaseError) return { kind: 'permanent', retryAfterMs };
  // Anything else (a TypeError from a malformed body, a socket error) is the wire, not the request.
  return { kind: 'transient', retryAfterMs };
}

function readRetryAfter(error: unknown): number | null {
  const message = error instanceof Error ? error.message : '';
  const match = /retry-after["':\s]+(\d+)/i.exec(message);
  return match ? Number(match[1]) * 1000 : null;
}

/** The error a read gives its caller: typed, with a message free of URLs, keys and signatures. */
export class ExchangeReadError extends Error {
  constructor(
    readonly kind: ErrorClass | 'circuit-open',
    message: string,
  ) {
    super(message);
    this.name = 'ExchangeReadError';
  }
}

/**
 * Placing an order failed in a way that does not say whether MEXC took it
 * (5xx, timeout, reset). Never retry: reconcile by clientOrderId first.
 */
export class OrderOutcomeUnknownError extends Error {
  constructor(
    readonly clientOrderId: string,
    cause: string,
  ) {
    super(`Order ${clientOrderId}: outcome unknown (${cause}); reconcile before doing anything else.`);
    this.name = 'OrderOutcomeUnknownError';
  }
}

/** A one-line description of a ccxt error that never carries the request URL or its signature. */
export function describeExchangeError(error: unknown): string {
  const name = error instanceof Error ? error.constructor.name : 'Error';
  const raw = error instanceof Error ? error.message : String(error);
  const code = /"code"\s*:\s*(-?\d+)/.exec(raw)?.[1];
  const msg = /"msg"\s*:\s*"([^"]{0,160})/.exec(raw)?.[1];
  const detail = code ? `MEXC ${code}${msg ? `: ${msg}` : ''}` : raw.replace(/https?:\/\/\S+/g, '[url]').replace(/signature=[0-9a-f]+/gi, 'signature=[redacted]').slice(0, 200);
  return `${name}: ${detail}`;
}
