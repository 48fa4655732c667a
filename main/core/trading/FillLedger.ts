import type { Clock } from '../clock';
import { AppendOnlyLog, type LogProblem } from '../storage/AppendOnlyLog';
import { BrokerFillSchema, type Broker, type BrokerFill } from './Broker';

/** MEXC's myTrades: at most 100 rows a call, and only the last month (MEXC's Spot v3 docs, account and trade). */
export const MY_TRADES_PAGE_LIMIT = 100;
export const MY_TRADES_REACH_MS = 30 * 86_400_000;
/** a bound on one sync, so a broken answer cannot loop forever */
const MAX_PAGES_PER_SYNC = 50;

/**
 * Every fill of one MEXC account, kept on disk (append-only, fsync'd) and
 * synced forward from the last one known: MEXC's myTrades reaches back one
 * month and 100 rows, so a position summed from it alone would forget older
 * buys (issue 13, defect 3). The position and the cost basis come from here
 * and the journal, never from a rolling window.
 */
export class FillLedger {
  private readonly byId = new Map<string, BrokerFill>();
  private problemsOnOpen: LogProblem[] = [];

  private constructor(private readonly log: AppendOnlyLog<BrokerFill>) {}

  static async open(file: string, clock: Clock): Promise<FillLedger> {
    const log = new AppendOnlyLog<BrokerFill>({ file, clock, parse: (data) => BrokerFillSchema.parse(data) });
    const ledger = new FillLedger(log);
    const { records, problems } = await log.open();
    ledger.problemsOnOpen = problems;
    for (const fill of records) ledger.byId.set(fill.id, fill);
    return ledger;
  }

  get problems(): readonly LogProblem[] {
    return this.problemsOnOpen;
  }

  /** every fill, oldest first */
  fills(): BrokerFill[] {
    return [...this.byId.values()].sort((a, b) => a.timestamp - b.timestamp);
  }

  /** the newest fill's time, null while none is known */
  lastTimestamp(): number | null {
    let last: number | null = null;
    for (const fill of this.byId.values()) last = Math.max(last ?? 0, fill.timestamp);
    return last;
  }

  /** Keeps the fills not seen before; returns them. */
  async add(fills: readonly BrokerFill[]): Promise<BrokerFill[]> {
    const fresh: BrokerFill[] = [];
    for (const fill of fills) {
      if (this.byId.has(fill.id)) continue;
      await this.log.append(fill);
      this.byId.set(fill.id, fill);
      fresh.push(fill);
    }
    return fresh;
  }

  /**
   * Reads the broker's fills forward from `from` (clamped to what MEXC still
   * reaches), a page of 100 at a time, and keeps the new ones.
   */
  async sync(broker: Broker, from: number, now: number): Promise<BrokerFill[]> {
    let cursor = Math.max(from, now - MY_TRADES_REACH_MS + 60_000);
    const fresh: BrokerFill[] = [];
    for (let page = 0; page < MAX_PAGES_PER_SYNC; page++) {
      const fills = await broker.fetchMyTrades(cursor, MY_TRADES_PAGE_LIMIT);
      fresh.push(...(await this.add(fills)));
      if (fills.length < MY_TRADES_PAGE_LIMIT) break;
      const newest = fills.at(-1)!.timestamp;
      // startTime is inclusive: the next page starts at the newest fill (dedupe drops the overlap), or past it if a whole page shares one millisecond.
      cursor = newest > cursor ? newest : cursor + 1;
    }
    return fresh;
  }
}
