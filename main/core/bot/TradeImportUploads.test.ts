import { describe, expect, it } from 'vitest';
import { MAX_TRADE_IMPORT_BYTES, TRADE_IMPORT_PART_CHARS, tradeImportParts } from '../../../shared/tradeImport';
import { TradeImportUploads } from './TradeImportUploads';

describe('TradeImportUploads', () => {
  it('gives back the whole file once its last part is in, and parts fit a 64 KB frame whatever the text', () => {
    const text = 'a"\u0001€'.repeat(9_000);
    const parts = tradeImportParts(text);
    expect(parts.every((part) => Buffer.byteLength(JSON.stringify({ id: 1, command: 'importTrades', input: { uploadId: 'x'.repeat(64), part: 999, parts: 999, text: part } })) < 64 * 1024)).toBe(true);
    const uploads = new TradeImportUploads({ now: () => 0 });
    const answers = parts.map((part, i) => uploads.receive({ uploadId: 'upload-1', part: i, parts: parts.length, text: part }));
    expect(answers.slice(0, -1).every((answer) => answer === null)).toBe(true);
    expect(answers.at(-1)).toBe(text);
  });

  it('refuses a part out of order, and one past the size limit', () => {
    const uploads = new TradeImportUploads({ now: () => 0 });
    uploads.receive({ uploadId: 'upload-1', part: 0, parts: 3, text: 'a' });
    expect(() => uploads.receive({ uploadId: 'upload-1', part: 2, parts: 3, text: 'b' })).toThrow(/out of order/);
    const parts = Math.ceil(MAX_TRADE_IMPORT_BYTES / TRADE_IMPORT_PART_CHARS) + 1;
    const full = 'x'.repeat(TRADE_IMPORT_PART_CHARS);
    expect(() => {
      for (let part = 0; part < parts; part++) uploads.receive({ uploadId: 'upload-2', part, parts, text: full });
    }).toThrow(/larger than 5 MB/);
  });

  it('drops an upload left unfinished for ten minutes', () => {
    let now = 0;
    const uploads = new TradeImportUploads({ now: () => now });
    uploads.receive({ uploadId: 'upload-1', part: 0, parts: 2, text: 'a' });
    now += 11 * 60_000;
    expect(() => uploads.receive({ uploadId: 'upload-1', part: 1, parts: 2, text: 'b' })).toThrow(/incomplete or out of order/);
  });
});
