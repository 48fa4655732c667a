import type { Clock } from '../clock';
import type { LogProblem } from '../storage/AppendOnlyLog';
import { BrokerFillSchema, type Broker, type BrokerFill } from './Broker';
import { FillLog } from './FillLog';

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
  private constructor(private readonly log: FillLog<BrokerFill>) {}

  static async open(file: string, clock: Clock): Promise<FillLedger> {
    return new FillLedger(await FillLog.open({ file, clock, parse: (data) => BrokerFillSchema.parse(data), keyOf: (fill) => fill.id }));
  }

  get problems(): readonly LogProblem[] {
    return this.log.problems;
  }

  /** every fill, oldest first */
  fills(): BrokerFill[] {
    return this.log.fills();
  }

  /** the newest fill's time, null while none is known */
  lastTimestamp(): number | null {
    return this.log.lastTimestamp();
  }

  /** Keeps the fills not seen before; returns them. */
  async add(fills: readonly BrokerFill[]): Promise<BrokerFill[]> {
    const fresh: BrokerFill[] = [];
    for (const fill of fills) if (await this.log.add(fill)) fresh.push(fill);
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
