import type { Clock } from '../clock';
import type { Journal } from '../trading/Journal';
import type { MarketInfo } from '../trading/MarketInfo';
import { PaperBroker } from '../trading/PaperBroker';
import { rebuildPaperWallet } from './rebuildPaperWallet';

// Why a module of its own: a lost paper wallet is never replaced silently (issue 13, defect 6).

export interface OpenPaperWalletOptions {
  dataDir: string;
  clock: Clock;
  journal: Journal;
  market: MarketInfo;
  /** what a first start's wallet holds in the quote asset (the settings' paper.initialUsdt) */
  initialQuote: string;
  critical(kind: string, message: string): void;
}

/** Above every paper order and fill number the journal holds. */
function nextPaperNumbers(journal: Journal): { order: number; fill: number } {
  const highest = (ids: string[], pattern: RegExp) => Math.max(0, ...ids.map((id) => Number(pattern.exec(id)?.[1] ?? 0)));
  const paper = journal.entries().filter((entry) => entry.broker?.kind === 'paper');
  return {
    order: highest(paper.map((entry) => entry.orderId ?? ''), /^paper-(\d+)$/) + 1,
    fill: highest(paper.flatMap((entry) => journal.fillsOf(entry.clientOrderId).map((fill) => fill.id)), /^paper-fill-(\d+)$/) + 1,
  };
}

/** Opens the paper wallet; one that was lost or damaged is rebuilt from the journal when it can be, and the user is told either way. */
export async function openPaperWallet({ dataDir, clock, journal, market, initialQuote, critical }: OpenPaperWalletOptions): Promise<PaperBroker> {
  const initialBalances = { [market.quote]: initialQuote, [market.base]: '0' };
  const paper = await PaperBroker.open({ dataDir, market, clock, initialBalances });
  // In use before: a start is journaled, or any paper order is (its start line may be the damaged one).
  const usedBefore = journal.paperWalletStarts().length > 0 || journal.entries().some((entry) => entry.broker?.kind === 'paper');
  const lost = paper.loadProblem !== null || (paper.created && usedBefore);
  if (!lost) {
    if (paper.created) await journal.recordPaperWalletStart(initialBalances, 'first start');
    await paper.numberFrom(nextPaperNumbers(journal));
    return paper;
  }
  const what = paper.loadProblem ? paper.loadProblem.message : 'The paper wallet file is missing, though the journal shows it was in use.';
  const rebuilt = await rebuildPaperWallet(paper, journal);
  await paper.numberFrom(nextPaperNumbers(journal));
  critical(
    'paper-wallet',
    rebuilt
      ? `${what} It was rebuilt from the journal: ${rebuilt.orders} order(s), ${rebuilt.fills} fill(s) since the wallet last started.`
      : `${what} The journal has no record of how the wallet started, so it cannot be rebuilt: paper trading is paused until you reset the wallet in Settings → Paper wallet.`,
  );
  return paper;
}
