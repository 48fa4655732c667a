import { ContractFailure, type ImportTradesInput, type TradeImportResult } from '../../../shared/contract';
import type { Logger } from '../logging/Logger';
import { TradeCsvError } from '../trading/TradeCsvError';
import { TradeImportSaveError } from '../trading/importTrades';
import type { TradeImportUploads } from './TradeImportUploads';
import type { TradingEngine } from './TradingEngine';

/**
 * The importTrades command (issue 17): gathers the file's parts, then imports
 * it whole. A bad row is the user's to fix (INVALID_PAYLOAD, naming line and
 * column); a failed save says what to do.
 */
export async function importTradesCommand(input: ImportTradesInput, { uploads, trading, logger }: { uploads: TradeImportUploads; trading: TradingEngine; logger: Logger }): Promise<TradeImportResult> {
  const text = uploads.receive(input);
  if (text === null) return { status: 'receiving', received: input.part + 1 };
  try {
    const result = await trading.importTrades(text);
    logger.info(`Trade import (${result.format} format): ${result.imported} imported, ${result.duplicates} already known, of ${result.rows}.`);
    return { status: 'imported', ...result };
  } catch (error) {
    if (error instanceof TradeCsvError) throw new ContractFailure('INVALID_PAYLOAD', `${error.message.replace(/\.?$/, '.')} Nothing was imported.`);
    // A disk that refused the write (full, read-only) is the user's to see and fix, not an engine fault.
    if (error instanceof TradeImportSaveError) throw new ContractFailure('INVALID_STATE', error.message);
    throw error;
  }
}
