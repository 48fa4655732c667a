import { Decimal } from '../../../shared/decimal';
import { MEXC_RECV_WINDOW_MS } from '../defaults';
import type { Broker } from './Broker';
import type { Journal, JournalEntry } from './Journal';
import { fillsOf, outcomeOf } from './submitOrder';

/**
 * An order sent by a process that died mid-request may still reach MEXC after
 * a restart has asked about it: "not found" proves nothing until MEXC would
 * refuse that request as too late (its recvWindow, plus room for clock error).
 */
export const ORDER_ARRIVAL_WINDOW_MS = MEXC_RECV_WINDOW_MS + 5_000;

/** MEXC's GET /api/v3/order only covers the last 7 days (MEXC's Spot v3 docs, Chinese edition): "not found" about an older order proves nothing. */
export const ORDER_LOOKUP_WINDOW_MS = 7 * 86_400_000;

export interface ReconcileReport {
  /** clientOrderId → what was found */
  settled: { clientOrderId: string; status: string; orderId: string | null }[];
  /** intents that could not be settled (broker unreachable or unavailable, or no evidence): still unfinished */
  pending: { clientOrderId: string; error: string }[];
}

/**
 * Which broker an intent went to; null when that broker cannot be asked now
 * (a live intent while no keys, or other keys, are loaded). `reason` says why.
 */
export type BrokerForIntent = (entry: JournalEntry) => Promise<{ broker: Broker | null; reason?: string }>;

/**
 * Before anything new is placed: every journaled intent whose fate is unknown
 * is looked up, by its clientOrderId (MEXC's origClientOrderId), at the broker
 * it was sent to, whatever the app's mode is now. Found: its real state is
 * journaled (fills included). "Never placed" is written only on the broker's
 * own evidence: it answered, within its lookup window, that it has no such
 * order. A lookup that fails, or a broker that cannot be asked, leaves the
 * intent unfinished, and the caller tells the user.
 */
export async function reconcileOpenIntents(journal: Journal, brokerFor: BrokerForIntent, now: number): Promise<ReconcileReport> {
  const report: ReconcileReport = { settled: [], pending: [] };
  for (const entry of journal.unfinishedIntents()) {
    try {
      const { broker, reason } = await brokerFor(entry);
      if (!broker) {
        report.pending.push({ clientOrderId: entry.clientOrderId, error: reason ?? 'its broker is not available' });
        continue;
      }
      const order = await broker.fetchOrderByClientId(entry.clientOrderId);
      if (!order) {
        if (broker.kind === 'live' && now - entry.time < ORDER_ARRIVAL_WINDOW_MS) {
          report.pending.push({ clientOrderId: entry.clientOrderId, error: 'MEXC has not seen it yet, but a request still on its way could arrive for a few more seconds: it is asked again then' });
          continue;
        }
        if (broker.kind === 'live' && now - entry.time > ORDER_LOOKUP_WINDOW_MS) {
          report.pending.push({ clientOrderId: entry.clientOrderId, error: 'MEXC no longer answers for orders older than 7 days: check it in MEXC’s order history' });
          continue;
        }
        await journal.recordOutcome(entry.clientOrderId, { status: 'rejected', message: `never placed: the ${broker.kind} broker has no order with this id` });
        report.settled.push({ clientOrderId: entry.clientOrderId, status: 'rejected', orderId: null });
        continue;
      }
      const status = outcomeOf(order);
      const fills = Decimal.from(order.filled).isPositive() ? await fillsOf(broker, order) : [];
      await journal.recordOutcome(entry.clientOrderId, { status, orderId: order.id, ...(fills.length > 0 ? { fills } : {}), message: 'reconciled' });
      report.settled.push({ clientOrderId: entry.clientOrderId, status, orderId: order.id });
    } catch (error) {
      report.pending.push({ clientOrderId: entry.clientOrderId, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}
