import { z } from 'zod';
import { DecimalStringSchema } from '../../../shared/decimal';
import type { PlaceOrderRequest } from './OrderIntent';

/**
 * Where orders go: PaperBroker (the default) or a LiveBroker on the exchange.
 * ccxt's unified names and shapes (`filled`, `remaining`, `free`/`used`/`total`,
 * `takerOrMaker`), with every decimal as an exact string.
 */
const epochMs = z.number().int().nonnegative();

/** An order as a broker reports it (and as the paper wallet stores it): the schema is the type. */
export const BrokerOrderSchema = z.object({
  id: z.string(),
  clientOrderId: z.string().nullable(),
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  type: z.literal('limit'),
  price: DecimalStringSchema,
  amount: DecimalStringSchema,
  filled: DecimalStringSchema,
  remaining: DecimalStringSchema,
  /** quote spent or received so far: Σ fill price × fill amount */
  cost: DecimalStringSchema,
  /** average fill price, null before the first fill */
  average: DecimalStringSchema.nullable(),
  status: z.enum(['open', 'closed', 'canceled', 'rejected']),
  /** ms epoch the order was placed */
  timestamp: epochMs,
  /** ms epoch of the last change */
  lastUpdateTimestamp: epochMs,
});
export type BrokerOrder = z.infer<typeof BrokerOrderSchema>;
export type BrokerOrderStatus = BrokerOrder['status'];

/** A fill as a broker reports it (and as the paper wallet and the live fill ledger store it). */
export const BrokerFillSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  clientOrderId: z.string().nullable(),
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  price: DecimalStringSchema,
  amount: DecimalStringSchema,
  cost: DecimalStringSchema,
  fee: z.object({ cost: DecimalStringSchema, currency: z.string() }),
  takerOrMaker: z.enum(['taker', 'maker']),
  timestamp: epochMs,
});
export type BrokerFill = z.infer<typeof BrokerFillSchema>;

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
