/**
 * Why a trade file was refused, naming the line (1-based, the header is line 1;
 * null for the whole file) and the column. The message never repeats the
 * cell's text: a wrong file (one holding a key, say) is not echoed to the
 * screen or the log.
 */
export class TradeCsvError extends Error {
  constructor(
    readonly line: number | null,
    readonly field: string | null,
    readonly problem: string,
  ) {
    super(`${line === null ? 'The file' : `Line ${line}`}${field ? `, ${field}` : ''}: ${problem}`);
    this.name = 'TradeCsvError';
  }
}
