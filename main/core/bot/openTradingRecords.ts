import path from 'node:path';
import type { Clock } from '../clock';
import { DayStartPrice } from '../trading/DayStartPrice';
import { loadInstallId } from '../trading/InstallId';
import { Journal } from '../trading/Journal';
import { BotOrders } from './BotOrders';

// Why a module of its own: the files trading keeps in the data folder open in one place, and damage in any is alerted (issue 13, I6).

export const JOURNAL_FILE = 'journal.jsonl';

export interface TradingRecords {
  journal: Journal;
  /** which orders are the bot's: this install's id and the journal */
  orders: BotOrders;
  dayStartPrice: DayStartPrice;
}

/** Opens the journal, the install id and the day-start price; each problem found is reported through `critical`, never fatal. */
export async function openTradingRecords(dataDir: string, clock: Clock, critical: (kind: string, message: string) => void): Promise<TradingRecords> {
  const journal = await Journal.open(path.join(dataDir, JOURNAL_FILE), clock);
  for (const problem of journal.problems) critical('journal', `Journal: ${problem.message}`);
  const { installId, problem } = await loadInstallId(dataDir, clock);
  if (problem) critical('install-id', problem);
  const dayStart = await DayStartPrice.open(dataDir, clock);
  if (dayStart.problem) critical('day-start', dayStart.problem.message);
  return { journal, orders: new BotOrders(installId, journal), dayStartPrice: dayStart.dayStartPrice };
}
