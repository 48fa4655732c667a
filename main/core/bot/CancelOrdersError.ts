import ccxt from 'ccxt';
import { ContractFailure } from '../../../shared/contract';
import { ExchangeRequestError } from '../exchange/ExchangeRequestError';
import { OrderOutcomeUnknownError } from '../exchange/OrderOutcomeUnknownError';
import { BrokerError } from '../trading/Broker';

/** The exchange (or the paper broker) refused or failed: the user's to see and retry, not an engine fault. */
export function isExchangeFailure(error: unknown): boolean {
  return error instanceof ExchangeRequestError || error instanceof BrokerError || error instanceof OrderOutcomeUnknownError || error instanceof ccxt.BaseError;
}

/**
 * Canceling the bot's orders went part of the way: how many were canceled,
 * and what kept the others open (each order tried; one failure never stops
 * the rest). Cancel-all, the kill switch and a cancelling mode switch say it as it is.
 */
export class CancelOrdersError extends Error {
  constructor(
    readonly canceled: number,
    readonly problems: readonly string[],
  ) {
    super(`${canceled} of the bot's open order(s) canceled; ${problems.join('; ')}`);
    this.name = 'CancelOrdersError';
  }
}

/**
 * For a command's `.catch`: a CancelOrdersError becomes the user's INVALID_STATE
 * (`what` says what did not happen), anything else stays the engine's fault (INTERNAL).
 */
export function refuseUncanceled(what: string): (error: unknown) => never {
  return (error) => {
    throw error instanceof CancelOrdersError ? new ContractFailure('INVALID_STATE', `${what}: ${error.message}. Try again.`) : error;
  };
}
