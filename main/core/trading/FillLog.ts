import type { Clock } from '../clock';
import { AppendOnlyLog, type LogProblem } from '../storage/AppendOnlyLog';

export interface FillLogOptions<T> {
  file: string;
  clock: Clock;
  /** validates one stored record (a zod schema's parse): a damaged line is reported, not loaded */
  parse: (data: unknown) => T;
  /** what makes two fills one: a second fill with a known key is not kept */
  keyOf: (fill: T) => string;
}

/** Fills written in one line: a crash mid-write cuts the line short, and the log sets a cut line aside whole. */
interface FillBatch<T> {
  batch: T[];
}

function isBatch(data: unknown): data is { batch: unknown[] } {
  return typeof data === 'object' && data !== null && Object.keys(data).length === 1 && Array.isArray((data as { batch?: unknown }).batch) && (data as { batch: unknown[] }).batch.length > 0;
}

/**
 * Fills kept on disk, append-only and fsync'd (AppendOnlyLog), each at most
 * once by its key: the store under the fill ledger (keyed by MEXC's trade
 * id) and the imported trades (keyed by their duplicate key).
 */
export class FillLog<T extends { timestamp: number }> {
  private readonly byKey = new Map<string, T>();
  /** keys whose write is under way */
  private readonly writing = new Set<string>();
  /** the newest fill's time, kept as fills come (a live poll asks for it; sorting every fill each time grew with the history) */
  private newest: number | null = null;
  private problemsOnOpen: LogProblem[] = [];

  private constructor(
    private readonly log: AppendOnlyLog<T | FillBatch<T>>,
    private readonly keyOf: (fill: T) => string,
  ) {}

  static async open<T extends { timestamp: number }>(options: FillLogOptions<T>): Promise<FillLog<T>> {
    const log = new AppendOnlyLog<T | FillBatch<T>>({
      file: options.file,
      clock: options.clock,
      parse: (data) => (isBatch(data) ? { batch: data.batch.map(options.parse) } : options.parse(data)),
    });
    const store = new FillLog(log, options.keyOf);
    const { records, problems } = await log.open();
    store.problemsOnOpen = problems;
    for (const record of records) for (const fill of 'batch' in record ? record.batch : [record]) store.keep(options.keyOf(fill), fill);
    return store;
  }

  /** what was damaged in the file when it was opened */
  get problems(): readonly LogProblem[] {
    return this.problemsOnOpen;
  }

  /** every fill, oldest first */
  fills(): T[] {
    return [...this.byKey.values()].sort((a, b) => a.timestamp - b.timestamp);
  }

  /** how many fills are kept (without copying or sorting them) */
  get size(): number {
    return this.byKey.size;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** Appends the fill (fsync'd before it resolves) unless its key is known; true when it was kept. */
  async add(fill: T): Promise<boolean> {
    return (await this.addAll([fill])).length === 1;
  }

  /**
   * Keeps the fills whose keys are not known yet (the first of any repeated
   * in the list), all in one fsync'd line: all of them or, if the write fails
   * or the process dies in it, none (a trade import, issue 17). Returns the fills kept.
   */
  async addAll(fills: readonly T[]): Promise<T[]> {
    const fresh = new Map<string, T>();
    for (const fill of fills) {
      const key = this.keyOf(fill);
      if (!this.byKey.has(key) && !this.writing.has(key) && !fresh.has(key)) fresh.set(key, fill);
    }
    if (fresh.size === 0) return [];
    // Claimed before the write yields: a second caller with the same fills (two clients importing one file) keeps none of them twice.
    for (const key of fresh.keys()) this.writing.add(key);
    try {
      const kept = [...fresh.values()];
      await this.log.append(kept.length === 1 ? kept[0]! : { batch: kept });
      for (const [key, fill] of fresh) this.keep(key, fill);
      return kept;
    } finally {
      for (const key of fresh.keys()) this.writing.delete(key);
    }
  }

  /** the newest fill's time, null while none is kept */
  lastTimestamp(): number | null {
    return this.newest;
  }

  private keep(key: string, fill: T): void {
    this.byKey.set(key, fill);
    this.newest = Math.max(this.newest ?? fill.timestamp, fill.timestamp);
  }
}
