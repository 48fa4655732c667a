import { Decimal } from '../../../shared/decimal';
import type { Broker } from './Broker';
import type { Journal } from './Journal';
import { fillsOf, outcomeOf } from './submitOrder';

export interface ReconcileReport {
  /** clientOrderId → what was found */
  settled: { clientOrderId: string; status: string; orderId: string | null }[];
  /** intents the broker could not be asked about (it failed): still unfinished, try again later */
  pending: { clientOrderId: string; error: string }[];
}

/**
 * On start, before anything new is placed: every journaled intent whose fate
 * is unknown is looked up at the broker by its clientOrderId (MEXC's
 * origClientOrderId). Found: its real state is journaled (fills included).
 * Not found: it never arrived, and is journaled as rejected so it is not sent
 * twice under the same id. A lookup that fails leaves the intent unfinished.
 */
export async function reconcileOpenIntents(journal: Journal, broker: Broker): Promise<ReconcileReport> {
  const report: ReconcileReport = { settled: [], pending: [] };
  for (const entry of journal.unfinishedIntents()) {
    try {
      const order = await broker.fetchOrderByClientId(entry.clientOrderId);
      if (!order) {
        await journal.recordOutcome(entry.clientOrderId, { status: 'rejected', message: 'not found at the broker after a restart: it was never placed' });
        report.settled.push({ clientOrderId: entry.clientOrderId, status: 'rejected', orderId: null });
        continue;
      }
      const status = outcomeOf(order);
      const fills = Decimal.from(order.filled).isPositive() ? await fillsOf(broker, order) : [];
      await journal.recordOutcome(entry.clientOrderId, { status, orderId: order.id, ...(fills.length > 0 ? { fills } : {}), message: 'reconciled after a restart' });
      report.settled.push({ clientOrderId: entry.clientOrderId, status, orderId: order.id });
    } catch (error) {
      report.pending.push({ clientOrderId: entry.clientOrderId, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}
