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

/** Opens the paper wallet; one that was lost or damaged is rebuilt from the journal when it can be, and the user is told either way. */
export async function openPaperWallet({ dataDir, clock, journal, market, initialQuote, critical }: OpenPaperWalletOptions): Promise<PaperBroker> {
  const initialBalances = { [market.quote]: initialQuote, [market.base]: '0' };
  const paper = await PaperBroker.open({ dataDir, market, clock, initialBalances });
  const lost = paper.loadProblem !== null || (paper.created && journal.paperWalletStarts().length > 0);
  if (!lost) {
    if (paper.created) await journal.recordPaperWalletStart(initialBalances, 'first start');
    return paper;
  }
  const what = paper.loadProblem ? paper.loadProblem.message : 'The paper wallet file is missing, though the journal shows it was in use.';
  const rebuilt = await rebuildPaperWallet(paper, journal);
  critical(
    'paper-wallet',
    rebuilt
      ? `${what} It was rebuilt from the journal: ${rebuilt.orders} order(s), ${rebuilt.fills} fill(s) since the wallet last started.`
      : `${what} The journal has no record of how the wallet started, so it cannot be rebuilt: paper trading is paused until you reset the wallet in Settings → Paper wallet.`,
  );
  return paper;
}
