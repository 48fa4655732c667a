import { Decimal } from '../../../shared/decimal';
import { MAX_TRADE_IMPORT_BYTES, MAX_TRADE_IMPORT_ROWS, type TradeFileFormat } from '../../../shared/tradeImport';
import { CsvSyntaxError, readCsvRecords } from './readCsvRecords';
import { TradeCsvError } from './TradeCsvError';
import type { TradeAmounts } from './TradeAmounts';

/** One trade read from a file, checked and with exact decimals: what the import keeps. */
export interface TradeCsvRow extends TradeAmounts {
  /** the file's line the row starts on */
  line: number;
  timestamp: number;
  takerOrMaker: 'taker' | 'maker';
  /** the exchange's order id when the file has one */
  orderId: string | null;
}

export interface ParsedTradeCsv {
  format: TradeFileFormat;
  rows: TradeCsvRow[];
}

export interface TradeCsvMarket {
  /** e.g. QRL/USDT */
  symbol: string;
  base: string;
  quote: string;
}

/** Header names as written, lower-cased, spaces and dashes made underscores; a few spellings map to one column. */
const COLUMN_ALIASES: Record<string, string> = { timestamp: 'time', datetime: 'time', date_time: 'time', quantity: 'amount', qty: 'amount' };
/**
 * The original bot's trades table (7Spade/qrl, src/data/state.py: timestamp,
 * action BUY/SELL, symbol, price, amount, cost, strategy); this app's export
 * (TradeHistory.toCsv). Other columns are ignored.
 */
const REQUIRED: Record<TradeFileFormat, readonly string[]> = {
  'original-bot': ['time', 'action', 'symbol', 'price', 'amount', 'cost'],
  app: ['time', 'side', 'price', 'amount'],
};
const EARLIEST = Date.UTC(2010, 0, 1);
const LATEST_AHEAD_MS = 86_400_000;
/** cost may differ from price × amount by rounding (the original kept floats), not by more */
const COST_TOLERANCE = Decimal.from('0.01');

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Reads a trade history file, either format, and checks every row before any
 * is kept (issue 17): the first problem throws a TradeCsvError naming its line
 * and column, so a bad file imports nothing.
 */
export function parseTradeCsv(text: string, market: TradeCsvMarket, now: number): ParsedTradeCsv {
  if (Buffer.byteLength(text, 'utf8') > MAX_TRADE_IMPORT_BYTES) throw new TradeCsvError(null, null, `is larger than ${MAX_TRADE_IMPORT_BYTES / 1024 / 1024} MB; split it and import the parts`);
  let records;
  try {
    records = readCsvRecords(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new TradeCsvError(error.line, null, 'a quoted field is never closed');
    throw error;
  }
  const [header, ...data] = records;
  if (!header) throw new TradeCsvError(null, null, 'is empty');
  const columns = header.fields.map((name) => {
    const normalized = name.trim().toLowerCase().replace(/[\s-]+/g, '_');
    return COLUMN_ALIASES[normalized] ?? normalized;
  });
  const format = detectFormat(columns, header.line);
  if (data.length === 0) throw new TradeCsvError(null, null, 'has a header but no trades');
  if (data.length > MAX_TRADE_IMPORT_ROWS) throw new TradeCsvError(data[MAX_TRADE_IMPORT_ROWS]!.line, null, `the file has more than ${MAX_TRADE_IMPORT_ROWS} trades; split it and import the parts`);
  const index = new Map(columns.map((name, i) => [name, i]));
  const rows = data.map(({ line, fields }) => {
    if (fields.length !== columns.length) throw new TradeCsvError(line, null, `has ${fields.length} fields where the header has ${columns.length}`);
    const cell = (name: string): string | null => {
      const i = index.get(name);
      return i === undefined ? null : fields[i]!.trim();
    };
    return readRow(line, cell, format, market, now);
  });
  return { format, rows };
}

function detectFormat(columns: readonly string[], line: number): TradeFileFormat {
  const seen = new Set<string>();
  for (const name of columns) {
    if (name && seen.has(name)) throw new TradeCsvError(line, name, 'the column appears twice in the header');
    seen.add(name);
  }
  const format: TradeFileFormat = seen.has('action') ? 'original-bot' : 'app';
  const missing = REQUIRED[format].filter((name) => !seen.has(name));
  if (missing.length > 0) {
    throw new TradeCsvError(
      line,
      'header',
      `not a trade history: missing ${missing.join(', ')}. Expected this app's export (time, side, price, amount, …) or the original bot's trades (time, action, symbol, price, amount, cost, strategy).`,
    );
  }
  return format;
}

function readRow(line: number, cell: (name: string) => string | null, format: TradeFileFormat, market: TradeCsvMarket, now: number): TradeCsvRow {
  const fail = (field: string, problem: string): never => {
    throw new TradeCsvError(line, field, problem);
  };
  const sideColumn = format === 'original-bot' ? 'action' : 'side';
  const sideText = (cell(sideColumn) ?? '').toLowerCase();
  if (sideText !== 'buy' && sideText !== 'sell') fail(sideColumn, 'must be buy or sell');
  const side = sideText as 'buy' | 'sell';

  const timestamp = parseTradeTime(cell('time') ?? '');
  if (timestamp === null) fail('time', 'is not a time: use ISO 8601 (2025-12-01T09:00:00Z; no zone means UTC) or epoch milliseconds');
  if (timestamp! < EARLIEST || timestamp! > now + LATEST_AHEAD_MS) fail('time', 'is outside 2010 to today');

  const symbol = cell('symbol');
  if (symbol !== null && symbol !== '' && symbolKey(symbol) !== symbolKey(market.symbol)) fail('symbol', `is not ${market.symbol}: only ${market.symbol} trades can be imported here`);
  if (format === 'original-bot' && !symbol) fail('symbol', 'is empty');

  const price = positive(cell('price'), () => fail('price', 'must be a number above 0 (e.g. 0.0123)'));
  const amount = positive(cell('amount'), () => fail('amount', 'must be a number above 0'));
  const gross = price.mul(amount);
  const costText = cell('cost');
  const cost = costText === null || (costText === '' && format === 'app') ? gross : positive(costText, () => fail('cost', 'must be a number above 0'));
  if (cost.sub(gross).abs().gt(gross.mul(COST_TOLERANCE))) fail('cost', `differs from price × amount (${gross.toString()}) by more than 1%`);

  const feeText = cell('fee');
  const fee = feeText === null || feeText === '' ? Decimal.ZERO : decimalOrNull(feeText);
  if (fee === null || fee.isNegative()) fail('fee', 'must be a number, 0 or more');
  const feeCurrency = (cell('fee_currency') || market.quote).toUpperCase();
  if (!/^[A-Z0-9]{1,20}$/.test(feeCurrency)) fail('fee_currency', 'must be an asset name such as USDT or QRL');

  // This app's export marks dry-run fills with a paper- id: they never happened on the exchange.
  if ((cell('id') ?? '').startsWith('paper-')) fail('id', 'is a dry-run (paper) fill, not a real trade: it cannot be imported');
  const takerOrMaker = cell('taker_or_maker') === 'maker' ? 'maker' : 'taker';
  const orderId = cell('order_id') || null;
  return { line, timestamp: timestamp!, side, price: price.toString(), amount: amount.toString(), cost: cost.toString(), fee: fee!.toString(), feeCurrency, takerOrMaker, orderId: orderId && /^[\w.:-]{1,64}$/.test(orderId) ? orderId : null };
}

/**
 * ISO 8601 with or without a zone (none means UTC: the original bot wrote
 * `datetime.utcnow()`), a space or T between date and time; or epoch
 * milliseconds. Null for anything else, an impossible date included.
 */
export function parseTradeTime(text: string): number | null {
  if (/^\d{12,13}$/.test(text)) return Number(text);
  const match = ISO_TIME.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, s = '0', fraction = '', zone] = match;
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== Number(y) || check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  if (!zone || zone.toUpperCase() === 'Z') return utc;
  const [, sign, zh, zm] = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
  const offset = (Number(zh) * 60 + Number(zm)) * 60_000;
  return sign === '+' ? utc - offset : utc + offset;
}

function decimalOrNull(text: string): Decimal | null {
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Decimal.from(text) : null;
}

function positive(text: string | null, onBad: () => never): Decimal {
  const value = decimalOrNull(text ?? '');
  return value && value.isPositive() ? value : onBad();
}

const symbolKey = (symbol: string) => symbol.toUpperCase().replace(/[^A-Z0-9]/g, '');
