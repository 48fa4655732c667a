/** One CSV record and the 1-based line of the file it starts on (a quoted field may span lines). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A file that is not CSV at all (a quote never closed): names the line where the quoted field began. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * RFC 4180 records: fields split by commas, a field in double quotes may hold
 * commas, line breaks and doubled quotes (""). Lines end in CRLF, LF or CR; a
 * UTF-8 byte order mark (what spreadsheets write) is dropped; blank lines are
 * skipped. The trade import (issue 17) reads files with it.
 */
export function readCsvRecords(text: string): CsvRecord[] {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quotedFrom: number | null = null;
  let inQuotes = false;
  let fieldStarted = false;

  const endRecord = () => {
    fields.push(field);
    const blank = fields.length === 1 && fields[0] === '' && !fieldStarted;
    if (!blank) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    fieldStarted = false;
  };

  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (inQuotes) {
      if (char === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i += 1;
        } else inQuotes = false;
      } else {
        if (char === '\n' || (char === '\r' && source[i + 1] !== '\n')) line += 1;
        field += char;
      }
      continue;
    }
    // Spaces before an opening quote are tolerated (spreadsheets write `a, "b"`); RFC 4180 itself allows none.
    if (char === '"' && field.trim() === '') {
      field = '';
      inQuotes = true;
      fieldStarted = true;
      quotedFrom = line;
    } else if (char === ',') {
      fields.push(field);
      field = '';
      fieldStarted = true;
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && source[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      field += char;
      fieldStarted = true;
    }
  }
  if (inQuotes) throw new CsvSyntaxError(quotedFrom ?? line, `line ${quotedFrom ?? line}: a quoted field is never closed`);
  if (field !== '' || fields.length > 0 || fieldStarted) endRecord();
  return records;
}
