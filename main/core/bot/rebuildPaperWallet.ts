import type { Journal } from '../trading/Journal';
import type { PaperBroker, ReplayedOrder } from '../trading/PaperBroker';

/**
 * Rebuilds a lost or damaged paper wallet from the journal: the balances it
 * last (re)started with, then every paper order accepted since, with the fills
 * journaled for it and its cancellation. Null when the journal holds no start
 * to rebuild from (a wallet older than this record): the user must reset it.
 */
export async function rebuildPaperWallet(paper: PaperBroker, journal: Journal): Promise<{ orders: number; fills: number } | null> {
  const start = journal.paperWalletStarts().at(-1);
  if (!start) {
    await paper.markNeedsReset();
    return null;
  }
  const orders: ReplayedOrder[] = journal
    .entries()
    .filter((entry) => entry.broker?.kind === 'paper' && entry.time >= start.time && entry.orderId !== null)
    .map((entry) => ({
      request: { ...entry.intent, clientOrderId: entry.clientOrderId },
      orderId: entry.orderId!,
      time: entry.time,
      fills: journal.fillsOf(entry.clientOrderId),
      canceled: entry.status === 'canceled',
    }));
  return paper.rebuild(start, orders);
}
