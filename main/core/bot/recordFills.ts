import { Decimal } from '../../../shared/decimal';
import type { AlertInput } from '../alerts/AlertCenter';
import type { BrokerFill } from '../trading/Broker';
import type { Journal, JournalEntry } from '../trading/Journal';
import type { MarketInfo } from '../trading/MarketInfo';

// Why a module of its own: every fill is told to the user and journaled against its intent once, from either broker.

/** The bot's intent a fill belongs to: by client order id when the fill carries one, else by the journaled order id. */
function intentOf(fill: BrokerFill, journal: Journal): JournalEntry | undefined {
  return fill.clientOrderId ? journal.entry(fill.clientOrderId) : journal.entryForOrder(fill.orderId);
}

function journaledFor(entry: JournalEntry, fill: BrokerFill, journal: Journal): boolean {
  return journal.fillsOf(entry.clientOrderId).some((known) => known.id === fill.id);
}

/**
 * The fills of the bot's intents that the broker has and the journal lacks:
 * what a process killed between the broker's save and the journal write left
 * behind (the wallet or the fill ledger is fsync'd first). Fills of no intent
 * (orders placed by hand) are not the journal's.
 */
export function unjournaledFills(fills: readonly BrokerFill[], journal: Journal): BrokerFill[] {
  return fills.filter((fill) => {
    const entry = intentOf(fill, journal);
    return entry !== undefined && !journaledFor(entry, fill, journal);
  });
}

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
    const entry = journal ? intentOf(fill, journal) : undefined;
    if (!journal || !entry || journaledFor(entry, fill, journal)) continue;
    const filled = [...journal.fillsOf(entry.clientOrderId), fill].reduce((sum, f) => sum.add(f.amount), Decimal.ZERO);
    // A fill journaled after the order's cancel (it filled before the cancel, its line came late) keeps the order canceled:
    // a rebuilt wallet must not reopen it.
    const status = entry.status === 'canceled' ? 'canceled' : filled.gte(entry.intent.amount) ? 'filled' : 'accepted';
    await journal.recordOutcome(entry.clientOrderId, {
      status,
      orderId: fill.orderId,
      fills: [{ id: fill.id, price: fill.price, amount: fill.amount, fee: fill.fee.cost, feeCurrency: fill.fee.currency, timestamp: fill.timestamp }],
    });
  }
}
