import { Decimal } from '../../../shared/decimal';
import type { AlertInput } from '../alerts/AlertCenter';
import type { BrokerFill } from '../trading/Broker';
import type { Journal } from '../trading/Journal';
import type { MarketInfo } from '../trading/MarketInfo';

// Why a module of its own: every fill is told to the user and journaled against its intent once, from either broker.

/** Alerts each new fill and journals it against the bot's intent it belongs to (a fill already journaled is skipped). */
export async function recordFills(fresh: readonly BrokerFill[], kind: 'paper' | 'live', { journal, market, raiseAlert }: { journal: Journal | null; market: MarketInfo | null; raiseAlert(alert: AlertInput): void }): Promise<void> {
  // All alerts first, before any journal write yields: a snapshot published meanwhile never shows a fill not yet told.
  for (const fill of fresh) {
    raiseAlert({
      severity: 'info',
      kind: 'fill',
      message: `${fill.side === 'buy' ? 'Bought' : 'Sold'} ${fill.amount} ${market?.base ?? ''} at ${fill.price} (${kind}); fee ${fill.fee.cost} ${fill.fee.currency}.`,
      dedupeKey: `fill:${fill.id}`,
    });
  }
  for (const fill of fresh) {
    const entry = fill.clientOrderId ? journal?.entry(fill.clientOrderId) : journal?.entries().find((e) => e.orderId === fill.orderId);
    if (!journal || !entry || journal.fillsOf(entry.clientOrderId).some((known) => known.id === fill.id)) continue;
    const filled = [...journal.fillsOf(entry.clientOrderId), fill].reduce((sum, f) => sum.add(f.amount), Decimal.ZERO);
    await journal.recordOutcome(entry.clientOrderId, {
      status: filled.gte(entry.intent.amount) ? 'filled' : 'accepted',
      orderId: fill.orderId,
      fills: [{ id: fill.id, price: fill.price, amount: fill.amount, fee: fill.fee.cost, feeCurrency: fill.fee.currency, timestamp: fill.timestamp }],
    });
  }
}
