import { z } from 'zod';
import { Decimal } from '../../../shared/decimal';
import { tradeFileFormats } from '../../../shared/tradeImport';
import type { Clock } from '../clock';
import { AppendOnlyLog, type LogProblem } from '../storage/AppendOnlyLog';
import { BrokerFillSchema, type BrokerFill } from './Broker';

/** Where imported trades are kept in the data folder: append-only and fsync'd, as the fill ledger. */
export const IMPORTED_FILLS_FILE = 'imported-fills.jsonl';
/** Every imported fill's id starts so: the mark that it came from a file, never from the bot's orders. */
export const IMPORTED_FILL_ID_PREFIX = 'import-';

/** A fill brought in from a file (issue 17): which format it came in, and when. */
export const ImportedFillSchema = BrokerFillSchema.extend({ source: z.enum(tradeFileFormats), importedAt: z.number().int().nonnegative() });
export type ImportedFill = z.infer<typeof ImportedFillSchema>;

/**
 * One import is one line: a crash while it is written leaves a line cut
 * short, which the log sets aside whole, so an import is on disk entirely or
 * not at all (a line per trade left the first rows of a killed import behind).
 * Single-fill lines are what files written before this hold; they still read.
 */
const ImportedRecordSchema = z.union([ImportedFillSchema, z.strictObject({ batch: z.array(ImportedFillSchema).min(1) })]);
type ImportedRecord = z.infer<typeof ImportedRecordSchema>;

export const isImportedFill = (fill: BrokerFill): boolean => fill.id.startsWith(IMPORTED_FILL_ID_PREFIX);

/**
 * What makes two trades one for the import (issue 17): the same time (ms),
 * side, price and amount, the decimals compared exactly ("0.50" is "0.5").
 * Fees, cost and ids are left out, so the same trade from either format, or
 * from this app's own export, is recognized.
 */
export function duplicateKey(fill: Pick<BrokerFill, 'timestamp' | 'side' | 'price' | 'amount'>): string {
  return `${fill.timestamp}|${fill.side}|${Decimal.from(fill.price).toString()}|${Decimal.from(fill.amount).toString()}`;
}

/** The imported trades on disk, keyed by their duplicate key. */
export class ImportedFills {
  private readonly byKey = new Map<string, ImportedFill>();
  private problemsOnOpen: LogProblem[] = [];

  private constructor(private readonly log: AppendOnlyLog<ImportedRecord>) {}

  static async open(file: string, clock: Clock): Promise<ImportedFills> {
    const log = new AppendOnlyLog<ImportedRecord>({ file, clock, parse: (data) => ImportedRecordSchema.parse(data) });
    const store = new ImportedFills(log);
    const { records, problems } = await log.open();
    store.problemsOnOpen = problems;
    for (const record of records) for (const fill of 'batch' in record ? record.batch : [record]) store.byKey.set(duplicateKey(fill), fill);
    return store;
  }

  get problems(): readonly LogProblem[] {
    return this.problemsOnOpen;
  }

  /** every imported fill, oldest first */
  fills(): ImportedFill[] {
    return [...this.byKey.values()].sort((a, b) => a.timestamp - b.timestamp);
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /**
   * Keeps the fills whose keys are not known yet (the first of any repeated
   * in the list), all in one fsync'd write: all of them or, if the write
   * fails or the process dies in it, none. Returns the fills kept.
   */
  async addAll(fills: readonly ImportedFill[]): Promise<ImportedFill[]> {
    const fresh = new Map<string, ImportedFill>();
    for (const fill of fills) {
      const key = duplicateKey(fill);
      if (!this.byKey.has(key) && !fresh.has(key)) fresh.set(key, fill);
    }
    if (fresh.size === 0) return [];
    await this.log.append({ batch: [...fresh.values()] });
    for (const [key, fill] of fresh) this.byKey.set(key, fill);
    return [...fresh.values()];
  }
}
