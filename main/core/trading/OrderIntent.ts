/**
 * What a strategy asks for: one order, not yet checked, not yet sent. Decimals
 * are strings so an intent can be journaled and sent over IPC as it is.
 */
export type OrderSide = 'buy' | 'sell';

export interface OrderIntent {
  /** ccxt's unified symbol, e.g. "QRL/USDT" */
  symbol: string;
  side: OrderSide;
  type: 'limit';
  /** limit price in the quote asset (decimal string) */
  price: string;
  /** amount in the base asset (decimal string) */
  amount: string;
  /** why the strategy wants it, in words */
  reason: string;
}

/** An intent with the id it is journaled and sent under. */
export type PlaceOrderRequest = OrderIntent & { clientOrderId: string };
