import { z } from 'zod';
import { Decimal } from '../../../shared/decimal';
import { tradeFileFormats } from '../../../shared/tradeImport';
import type { Clock } from '../clock';
import type { LogProblem } from '../storage/AppendOnlyLog';
import { BrokerFillSchema, type BrokerFill } from './Broker';
import { FillLog } from './FillLog';

/** Where imported trades are kept in the data folder: append-only and fsync'd, as the fill ledger. */
export const IMPORTED_FILLS_FILE = 'imported-fills.jsonl';
/** Every imported fill's id starts so: the mark that it came from a file, never from the bot's orders. */
export const IMPORTED_FILL_ID_PREFIX = 'import-';

/** A fill brought in from a file (issue 17): which format it came in, and when. */
export const ImportedFillSchema = BrokerFillSchema.extend({ source: z.enum(tradeFileFormats), importedAt: z.number().int().nonnegative() });
export type ImportedFill = z.infer<typeof ImportedFillSchema>;

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
  private constructor(private readonly log: FillLog<ImportedFill>) {}

  static async open(file: string, clock: Clock): Promise<ImportedFills> {
    return new ImportedFills(await FillLog.open({ file, clock, parse: (data) => ImportedFillSchema.parse(data), keyOf: duplicateKey }));
  }

  get problems(): readonly LogProblem[] {
    return this.log.problems;
  }

  /** every imported fill, oldest first */
  fills(): ImportedFill[] {
    return this.log.fills();
  }

  /** how many trades are imported (read on every snapshot: no copy, no sort) */
  get size(): number {
    return this.log.size;
  }

  has(key: string): boolean {
    return this.log.has(key);
  }

  /**
   * Keeps the fills whose keys are not known yet, all in one fsync'd line:
   * a crash while it is written leaves a line cut short, which the log sets
   * aside whole, so an import is on disk entirely or not at all (a line per
   * trade left the first rows of a killed import behind). Returns the fills kept.
   */
  addAll(fills: readonly ImportedFill[]): Promise<ImportedFill[]> {
    return this.log.addAll(fills);
  }
}
