/**
 * Placing an order failed in a way that does not say whether MEXC took it
 * (5xx, timeout, reset). It was sent once and is never resent blind: the
 * caller reconciles by clientOrderId (fetchOrder) first.
 */
export class OrderOutcomeUnknownError extends Error {
  constructor(
    readonly clientOrderId: string,
    cause: string,
  ) {
    super(`Order ${clientOrderId}: outcome unknown (${cause}); look it up by its client order id before doing anything else.`);
    this.name = 'OrderOutcomeUnknownError';
  }
}
