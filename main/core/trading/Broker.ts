import type { OrderSide, PlaceOrderRequest } from './OrderIntent';

/**
 * Where orders go: PaperBroker (the default) or a LiveBroker on the exchange.
 * ccxt's unified names and shapes (`filled`, `remaining`, `free`/`used`/`total`,
 * `takerOrMaker`), with every decimal as an exact string.
 */
export type BrokerOrderStatus = 'open' | 'closed' | 'canceled' | 'rejected';

export interface BrokerOrder {
  id: string;
  clientOrderId: string | null;
  symbol: string;
  side: OrderSide;
  type: 'limit';
  price: string;
  amount: string;
  filled: string;
  remaining: string;
  /** quote spent or received so far: Σ fill price × fill amount */
  cost: string;
  /** average fill price, null before the first fill */
  average: string | null;
  status: BrokerOrderStatus;
  /** ms epoch the order was placed */
  timestamp: number;
  /** ms epoch of the last change */
  lastUpdateTimestamp: number;
}

export interface BrokerFill {
  id: string;
  orderId: string;
  clientOrderId: string | null;
  symbol: string;
  side: OrderSide;
  price: string;
  amount: string;
  cost: string;
  fee: { cost: string; currency: string };
  takerOrMaker: 'taker' | 'maker';
  timestamp: number;
}

export interface BalanceEntry {
  free: string;
  /** locked in open orders */
  used: string;
  total: string;
}

export type BrokerBalances = Record<string, BalanceEntry>;

/** REFUSED: any other definite refusal (auth, permission, a suspended symbol, the circuit breaker): the order does not exist. */
export const brokerErrorCodes = ['INSUFFICIENT_FUNDS', 'ORDER_NOT_FOUND', 'DUPLICATE_CLIENT_ORDER_ID', 'INVALID_ORDER', 'REFUSED'] as const;
export type BrokerErrorCode = (typeof brokerErrorCodes)[number];

export class BrokerError extends Error {
  constructor(
    readonly code: BrokerErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BrokerError';
  }
}

export interface Broker {
  readonly kind: 'paper' | 'live';
  placeOrder(request: PlaceOrderRequest): Promise<BrokerOrder>;
  /** by the broker's order id */
  cancelOrder(id: string): Promise<BrokerOrder>;
  /** cancels every open order, returns them as canceled */
  cancelAll(): Promise<BrokerOrder[]>;
  fetchOpenOrders(): Promise<BrokerOrder[]>;
  fetchBalance(): Promise<BrokerBalances>;
  /** the journal's reconciliation lookup: null when the broker never saw that id */
  fetchOrderByClientId(clientOrderId: string): Promise<BrokerOrder | null>;
  /** this account's fills at or after `since` (ms epoch), oldest first, at most `limit` of them */
  fetchMyTrades(since?: number, limit?: number): Promise<BrokerFill[]>;
}
