import { BrokerError, type Broker, type BrokerFill, type BrokerOrder } from './Broker';
import { Decimal } from '../../../shared/decimal';
import type { BrokerRef, Journal, JournalFill, OutcomeStatus } from './Journal';
import type { OrderIntent } from './OrderIntent';

export type SubmitResult =
  | { status: 'accepted' | 'filled'; order: BrokerOrder }
  | { status: 'rejected'; error: BrokerError }
  | { status: 'unknown'; error: unknown };

/**
 * The one way an order goes out: the intent is journaled and fsync'd first,
 * then sent, then its outcome journaled. A broker's refusal is 'rejected'; any
 * other failure (timeout, 5xx, reset) is 'unknown' — the order may exist — and
 * is never retried blind: reconcileOpenIntents settles it by clientOrderId.
 */
export async function submitOrder(journal: Journal, broker: Broker, brokerRef: BrokerRef, clientOrderId: string, order: OrderIntent): Promise<SubmitResult> {
  await journal.recordIntent({ clientOrderId, intent: order, broker: brokerRef });
  let placed: BrokerOrder;
  try {
    placed = await broker.placeOrder({ ...order, clientOrderId });
  } catch (error) {
    if (error instanceof BrokerError) {
      await journal.recordOutcome(clientOrderId, { status: 'rejected', message: `${error.code}: ${error.message}` });
      return { status: 'rejected', error };
    }
    await journal.recordOutcome(clientOrderId, { status: 'unknown', message: error instanceof Error ? error.message : String(error) });
    return { status: 'unknown', error };
  }
  const status = placed.status === 'closed' ? 'filled' : 'accepted';
  // A partly filled order's fills are journaled too: the journal is what a lost paper wallet is rebuilt from.
  const fills = Decimal.from(placed.filled).isPositive() ? await fillsOf(broker, placed) : [];
  await journal.recordOutcome(clientOrderId, { status, orderId: placed.id, ...(fills.length > 0 ? { fills } : {}) });
  return { status, order: placed };
}

/** the order's fills, in the journal's shape */
export async function fillsOf(broker: Broker, order: BrokerOrder): Promise<JournalFill[]> {
  const trades = await broker.fetchMyTrades(order.timestamp);
  return trades.filter((trade) => trade.orderId === order.id).map(toJournalFill);
}

export function toJournalFill(fill: BrokerFill): JournalFill {
  return { id: fill.id, price: fill.price, amount: fill.amount, fee: fill.fee.cost, feeCurrency: fill.fee.currency, timestamp: fill.timestamp };
}

/** the journal's word for a broker order's state */
export function outcomeOf(order: BrokerOrder): OutcomeStatus {
  switch (order.status) {
    case 'open':
      return 'accepted';
    case 'closed':
      return 'filled';
    case 'canceled':
      return 'canceled';
    case 'rejected':
      return 'rejected';
  }
}
