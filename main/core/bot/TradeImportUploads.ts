import { ContractFailure, type ImportTradesInput } from '../../../shared/contract';
import { MAX_TRADE_IMPORT_BYTES } from '../../../shared/tradeImport';
import type { Clock } from '../clock';

/** a few files at once at most (two windows, say); one left half-sent is dropped after a while */
const MAX_OPEN_UPLOADS = 4;
const UPLOAD_IDLE_MS = 10 * 60_000;

interface Upload {
  parts: string[];
  expected: number;
  chars: number;
  touched: number;
}

/**
 * Puts a trade file back together from the parts importTrades sends (the web
 * host takes 64 KB frames). Parts come in order, one file per upload id; the
 * whole stays within the import's size limit.
 */
export class TradeImportUploads {
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly clock: Clock) {}

  /** the whole file once its last part is in, null while parts are still due */
  receive({ uploadId, part, parts, text }: ImportTradesInput): string | null {
    const now = this.clock.now();
    for (const [id, upload] of this.uploads) if (now - upload.touched > UPLOAD_IDLE_MS) this.uploads.delete(id);
    if (part >= parts) throw new ContractFailure('INVALID_PAYLOAD', `Part ${part + 1} of ${parts} does not exist.`);
    if (part === 0) {
      this.uploads.delete(uploadId);
      if (this.uploads.size >= MAX_OPEN_UPLOADS) throw new ContractFailure('INVALID_STATE', 'Other imports are still arriving; wait for them to finish, then choose the file again.');
      this.uploads.set(uploadId, { parts: [], expected: parts, chars: 0, touched: now });
    }
    const upload = this.uploads.get(uploadId);
    if (!upload || upload.expected !== parts || upload.parts.length !== part) {
      this.uploads.delete(uploadId);
      throw new ContractFailure('INVALID_PAYLOAD', 'The file arrived incomplete or out of order. Nothing was imported; choose it again.');
    }
    upload.parts.push(text);
    upload.chars += text.length;
    upload.touched = now;
    // A character is at least one byte in UTF-8: past the limit in characters is past it in bytes.
    if (upload.chars > MAX_TRADE_IMPORT_BYTES) {
      this.uploads.delete(uploadId);
      throw new ContractFailure('INVALID_PAYLOAD', `The file is larger than ${MAX_TRADE_IMPORT_BYTES / 1024 / 1024} MB; split it and import the parts. Nothing was imported.`);
    }
    if (upload.parts.length < upload.expected) return null;
    this.uploads.delete(uploadId);
    return upload.parts.join('');
  }
}
