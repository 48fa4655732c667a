import path from 'node:path';
import { z } from 'zod';
import { MarketSummarySchema, OrderBookViewSchema, type MarketSummary, type OrderBookView, type Snapshot } from '../../../shared/contract';
import type { Clock, TimerHandle, Timers } from '../clock';
import type { Logger } from '../logging/Logger';
import { SerialQueue } from '../SerialQueue';
import { JsonFileStore } from '../storage/JsonFileStore';

// Why a module of its own: a start shows the last known price at once, before the exchange (or even ccxt) has loaded (issue 16).

export const LAST_SNAPSHOT_FILE = 'last-snapshot.json';
/**
 * At most one write (fsync'd) per this long while prices stream in. Quitting writes the latest at once,
 * so this only bounds how old the saved price can be after a crash; the disk is spared 288 writes a day.
 */
export const LAST_SNAPSHOT_WRITE_INTERVAL_MS = 5 * 60_000;

/**
 * What is kept: public market data only, never balances, orders, fills or
 * anything from the keychain. Strict, so a field that is not listed here can
 * never be written or read back.
 */
export const LastSnapshotSchema = z
  .object({
    symbol: z.string(),
    savedAt: z.number().int().nonnegative(),
    market: MarketSummarySchema,
    orderBook: OrderBookViewSchema.nullable(),
  })
  .strict();
export type LastSnapshot = z.infer<typeof LastSnapshotSchema>;

/** The market data a start shows until fresh data replaces it: marked stale, with the age it really has. */
export interface LastKnownMarket {
  market: MarketSummary;
  orderBook: OrderBookView | null;
}

export interface LastSnapshotFileOptions {
  dataDir: string;
  symbol: string;
  clock: Clock;
  timers: Timers;
  logger: Pick<Logger, 'warn'>;
}

/**
 * The last fresh price and order book, in the data folder: written
 * atomically (temp file + rename), at most once per
 * LAST_SNAPSHOT_WRITE_INTERVAL_MS, and on close. A damaged file is set aside
 * with a warning and the start goes on without it.
 */
export class LastSnapshotFile {
  private readonly store: JsonFileStore<ReturnType<typeof LastSnapshotSchema.nullable>>;
  private pending: LastSnapshot | null = null;
  private timer: TimerHandle | null = null;
  private lastWriteAt: number | null = null;
  private readonly writes = new SerialQueue();

  constructor(private readonly options: LastSnapshotFileOptions) {
    this.store = new JsonFileStore({ file: path.join(options.dataDir, LAST_SNAPSHOT_FILE), schema: LastSnapshotSchema.nullable(), defaults: () => null, clock: options.clock });
  }

  get file(): string {
    return this.store.file;
  }

  /** The saved market data for this symbol, marked stale; null when there is none or it cannot be used. */
  async load(): Promise<LastKnownMarket | null> {
    const { value, problem } = await this.store.load().catch((error: Error) => ({ value: null, problem: error }));
    if (problem) this.options.logger.warn(`The last price saved on disk was not used: ${problem.message} The price shows once the exchange answers.`);
    if (!value || value.symbol !== this.options.symbol) return null;
    return { market: { ...value.market, stale: true }, orderBook: value.orderBook && { ...value.orderBook, stale: true } };
  }

  /** Keeps a snapshot's fresh market data for the next write; stale or missing data never overwrites what is saved. */
  remember(snapshot: Snapshot): void {
    if (!snapshot.market || snapshot.market.stale) return;
    const orderBook = snapshot.orderBook && !snapshot.orderBook.stale ? snapshot.orderBook : null;
    this.pending = { symbol: this.options.symbol, savedAt: this.options.clock.now(), market: snapshot.market, orderBook };
    if (this.timer) return;
    const wait = this.lastWriteAt === null ? 0 : Math.max(0, this.lastWriteAt + LAST_SNAPSHOT_WRITE_INTERVAL_MS - this.options.clock.now());
    this.timer = this.options.timers.setTimeout(() => {
      this.timer = null;
      return this.write();
    }, wait);
  }

  /** On close: what is pending is written now. */
  async flush(): Promise<void> {
    if (this.timer) this.options.timers.clearTimeout(this.timer);
    this.timer = null;
    await this.write();
  }

  /** One write at a time, in order; a failed write is a warning, never an error for the engine. */
  private write(): Promise<void> {
    return this.writes.run(async () => {
      const next = this.pending;
      if (!next) return;
      this.pending = null;
      this.lastWriteAt = this.options.clock.now();
      await this.store.save(next).catch((error: Error) => this.options.logger.warn(`Could not save the last price to disk: ${error.message}`));
    });
  }
}
