import type { Result, TradeImportResult } from '../../shared/contract';
import { MAX_TRADE_IMPORT_BYTES, tradeImportParts } from '../../shared/tradeImport';
import { api } from '../bridge/api';

/** A fresh id per file sent, so two windows importing at once never mix their parts. */
function uploadId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Sends a chosen trade file to importTrades in order, part by part (issue 17);
 * the answer is the import's, or the first error. The size limit is checked
 * here first so a huge file is never read into the page.
 */
export async function sendTradeFile(file: Blob, onProgress: (sent: number, total: number) => void = () => undefined): Promise<Result<TradeImportResult>> {
  if (file.size > MAX_TRADE_IMPORT_BYTES) {
    return { ok: false, error: { code: 'INVALID_PAYLOAD', message: `The file is larger than ${MAX_TRADE_IMPORT_BYTES / 1024 / 1024} MB; split it and import the parts. Nothing was imported.` } };
  }
  const parts = tradeImportParts(await file.text());
  const id = uploadId();
  let result: Result<TradeImportResult> = { ok: false, error: { code: 'INTERNAL', message: 'Nothing was sent.' } };
  for (const [part, text] of parts.entries()) {
    result = await api().importTrades({ uploadId: id, part, parts: parts.length, text });
    if (!result.ok) return result;
    onProgress(part + 1, parts.length);
  }
  return result;
}
