/** Why a read (or a write the exchange refused before acting on it) failed, as the caller sees it. */
export type ExchangeFailureKind = 'transient' | 'permanent' | 'circuit-open';

/**
 * The error a read gives its caller: typed by kind, naming the ccxt class it
 * came from, with a message free of URLs, keys and signatures.
 */
export class ExchangeRequestError extends Error {
  constructor(
    readonly kind: ExchangeFailureKind,
    message: string,
    /** the ccxt class behind it (e.g. 'AuthenticationError'), null when it was not a ccxt error */
    readonly ccxtClass: string | null = null,
  ) {
    super(message);
    this.name = 'ExchangeRequestError';
  }
}
