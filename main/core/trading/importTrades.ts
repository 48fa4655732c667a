import type { TradeFileFormat } from '../../../shared/tradeImport';
import type { BrokerFill } from './Broker';
import { duplicateKey, IMPORTED_FILL_ID_PREFIX, type ImportedFill, type ImportedFills } from './ImportedFills';
import { parseTradeCsv, type TradeCsvMarket, type TradeCsvRow } from './parseTradeCsv';

export interface TradeImportResult {
  format: TradeFileFormat;
  /** trades in the file */
  rows: number;
  imported: number;
  /** rows already known (imported before, the bot's own fills, or repeated in the file) */
  duplicates: number;
}

/** A save that failed: the import is one write, so it is counted whole or not at all, never in part. */
export class TradeImportSaveError extends Error {
  constructor(
    readonly total: number,
    cause: Error,
  ) {
    super(`Saving the ${total} imported trades failed: ${cause.message}. They are not counted now; import the same file again (trades already kept are skipped, so none counts twice).`);
    this.name = 'TradeImportSaveError';
  }
}

/**
 * Issue 17's import: every row is checked first (a bad one throws a
 * TradeCsvError and nothing is kept), rows already known are skipped, the
 * rest are appended to the imported-fills file in one write (all or
 * nothing, even across a crash). The fills carry no client
 * order id and an `import-` id, so nothing treats them as the bot's orders.
 */
export async function importTrades(text: string, options: { store: ImportedFills; ownFills: readonly BrokerFill[]; market: TradeCsvMarket; now: number }): Promise<TradeImportResult> {
  const { store, market, now } = options;
  const { format, rows } = parseTradeCsv(text, market, now);
  const known = new Set(options.ownFills.map(duplicateKey));
  const fresh: ImportedFill[] = [];
  for (const row of rows) {
    const fill = toImportedFill(row, format, market.symbol, now);
    const key = duplicateKey(fill);
    if (known.has(key) || store.has(key)) continue;
    known.add(key);
    fresh.push(fill);
  }
  let saved: number;
  try {
    saved = (await store.addAll(fresh)).length;
  } catch (error) {
    throw new TradeImportSaveError(fresh.length, error as Error);
  }
  return { format, rows: rows.length, imported: saved, duplicates: rows.length - saved };
}

function toImportedFill(row: TradeCsvRow, source: TradeFileFormat, symbol: string, now: number): ImportedFill {
  return {
    id: `${IMPORTED_FILL_ID_PREFIX}${row.timestamp}-${row.side}-${row.price}-${row.amount}`,
    orderId: row.orderId ?? '',
    clientOrderId: null,
    symbol,
    side: row.side,
    price: row.price,
    amount: row.amount,
    cost: row.cost,
    fee: { cost: row.fee, currency: row.feeCurrency },
    takerOrMaker: row.takerOrMaker,
    timestamp: row.timestamp,
    source,
    importedAt: now,
  };
}
