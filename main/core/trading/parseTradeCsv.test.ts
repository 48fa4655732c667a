import { describe, expect, it } from 'vitest';
import { MAX_TRADE_IMPORT_BYTES, MAX_TRADE_IMPORT_ROWS } from '../../../shared/tradeImport';
import { parseTradeCsv, parseTradeTime } from './parseTradeCsv';
import { readCsvRecords } from './readCsvRecords';
import { TradeCsvError } from './TradeCsvError';
import { TradeHistory } from './TradeHistory';

const market = { symbol: 'QRL/USDT', base: 'QRL', quote: 'USDT' };
const NOW = Date.parse('2026-11-27T10:00:00Z');
const parse = (text: string) => parseTradeCsv(text, market, NOW);
const refusal = (text: string): TradeCsvError => {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof TradeCsvError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
};

describe('readCsvRecords (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and numbers lines from where a record starts', () => {
    const records = readCsvRecords('a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\nlast,,end');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', 'two\r\nlines'] },
      { line: 4, fields: ['last', '', 'end'] },
    ]);
  });

  it('drops a byte order mark, takes LF, CRLF and CR endings, and skips blank lines', () => {
    expect(readCsvRecords('\uFEFFa,b\n\n1,2\r\n\r3,4\r')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
      { line: 5, fields: ['3', '4'] },
    ]);
  });

  it('refuses a quote that never closes, naming the line it opened on', () => {
    expect(() => readCsvRecords('a,b\n1,"open\n2,3')).toThrow(/line 2/);
  });
});

describe('parseTradeCsv: the original bot’s trades table', () => {
  it('reads time, action, symbol, price, amount, cost, strategy; BUY/SELL in capitals; a time without zone is UTC', () => {
    const { format, rows } = parse('time,action,symbol,price,amount,cost,strategy\n2025-12-01 01:00:00.123456,BUY,QRL/USDT,0.0123,4065.04,49.999992,ema_accumulation\n2025-12-02T01:00:00,SELL,QRL/USDT,0.02,100,2,\n');
    expect(format).toBe('original-bot');
    expect(rows).toEqual([
      { line: 2, timestamp: Date.parse('2025-12-01T01:00:00.123Z'), side: 'buy', price: '0.0123', amount: '4065.04', cost: '49.999992', fee: '0', feeCurrency: 'USDT', takerOrMaker: 'taker', orderId: null },
      { line: 3, timestamp: Date.parse('2025-12-02T01:00:00Z'), side: 'sell', price: '0.02', amount: '100', cost: '2', fee: '0', feeCurrency: 'USDT', takerOrMaker: 'taker', orderId: null },
    ]);
  });

  it('takes header variants: capitals, quotes, spaces, "timestamp" for time, columns in any order, an id column', () => {
    const { format, rows } = parse('\uFEFF"ID", "Timestamp" ,Symbol,Action,Amount,Price,Cost,Strategy\r\n7,2025-12-01T09:00:00+08:00,QRLUSDT,buy,10,0.5,5,ema\r\n');
    expect(format).toBe('original-bot');
    expect(rows[0]).toMatchObject({ timestamp: Date.parse('2025-12-01T01:00:00Z'), side: 'buy', price: '0.5', amount: '10', cost: '5' });
  });
});

describe("parseTradeCsv: this app's own export", () => {
  it('reads back what TradeHistory.toCsv writes, fees and order ids included', () => {
    const fill = { id: '91', orderId: 'C02__1', clientOrderId: 'qtb-x', symbol: 'QRL/USDT', side: 'buy' as const, price: '0.4', amount: '125', cost: '50', fee: { cost: '0.125', currency: 'QRL' }, takerOrMaker: 'maker' as const, timestamp: Date.parse('2026-11-20T01:00:00Z') };
    const { format, rows } = parse(new TradeHistory([fill], market).toCsv());
    expect(format).toBe('app');
    expect(rows).toEqual([{ line: 2, timestamp: fill.timestamp, side: 'buy', price: '0.4', amount: '125', cost: '50', fee: '0.125', feeCurrency: 'QRL', takerOrMaker: 'maker', orderId: 'C02__1' }]);
  });

  it('needs only time, side, price and amount; cost defaults to price × amount', () => {
    expect(parse('time,side,price,amount\n1764550800000,sell,0.5,3\n').rows[0]).toMatchObject({ timestamp: 1764550800000, side: 'sell', cost: '1.5', fee: '0' });
  });
});

describe('parseTradeCsv: every row is checked, the first problem names its line and column', () => {
  const header = 'time,action,symbol,price,amount,cost,strategy\n';
  const good = '2025-12-01T01:00:00Z,BUY,QRL/USDT,0.5,10,5,ema\n';
  it.each([
    ['a price that is not a number', `${header}${good}2025-12-02T01:00:00Z,BUY,QRL/USDT,abc,10,5,ema\n`, 3, 'price'],
    ['a price of 0', `${header}2025-12-02T01:00:00Z,BUY,QRL/USDT,0,10,5,ema\n`, 2, 'price'],
    ['a negative amount', `${header}2025-12-02T01:00:00Z,BUY,QRL/USDT,0.5,-10,5,ema\n`, 2, 'amount'],
    ['an action that is neither buy nor sell', `${header}${good}${good.replace('BUY', 'HOLD')}`, 3, 'action'],
    ['another market', `${header}2025-12-02T01:00:00Z,BUY,BTC/USDT,0.5,10,5,ema\n`, 2, 'symbol'],
    ['an impossible date', `${header}2025-02-30T01:00:00Z,BUY,QRL/USDT,0.5,10,5,ema\n`, 2, 'time'],
    ['a time in the future', `${header}2027-06-01T01:00:00Z,BUY,QRL/USDT,0.5,10,5,ema\n`, 2, 'time'],
    ['a cost far from price × amount', `${header}2025-12-02T01:00:00Z,BUY,QRL/USDT,0.5,10,6,ema\n`, 2, 'cost'],
    ['a decimal comma', `${header}2025-12-02T01:00:00Z,BUY,QRL/USDT,"0,5",10,5,ema\n`, 2, 'price'],
  ])('%s', (_, text, line, field) => {
    const error = refusal(text);
    expect({ line: error.line, field: error.field }).toEqual({ line, field });
    expect(error.message).toMatch(new RegExp(`^Line ${line}, ${field}: `));
  });

  it('a row with too few fields', () => {
    expect(refusal(`${header}${good}2025-12-02T01:00:00Z,BUY\n`)).toMatchObject({ line: 3, field: null });
  });

  it('a header that is neither format names what is missing', () => {
    const error = refusal('date,type,qty\n2025-12-01,buy,1\n');
    expect(error).toMatchObject({ line: 1, field: 'header' });
    expect(error.message).toMatch(/missing time, side, price/);
  });

  it('a dry-run fill from this app’s export is not a real trade', () => {
    expect(refusal('time,id,side,price,amount\n2025-12-01T01:00:00Z,paper-3,buy,0.5,10\n')).toMatchObject({ line: 2, field: 'id' });
  });

  it('an empty file, and a header without trades', () => {
    expect(refusal('')).toMatchObject({ line: null });
    expect(refusal(header).message).toMatch(/no trades/);
  });

  it('never repeats the text of a bad cell (a wrong file may hold a secret)', () => {
    const secret = 'mx0vSECRETSECRETSECRET';
    const error = refusal(`${header}2025-12-02T01:00:00Z,BUY,QRL/USDT,${secret},10,5,ema\n`);
    expect(error.message).not.toContain(secret);
  });

  it(`refuses more than ${MAX_TRADE_IMPORT_ROWS} trades, and more than ${MAX_TRADE_IMPORT_BYTES / 1024 / 1024} MB`, () => {
    const row = '1764550800000,buy,1,1\n';
    expect(refusal(`time,side,price,amount\n${row.repeat(MAX_TRADE_IMPORT_ROWS + 1)}`)).toMatchObject({ line: MAX_TRADE_IMPORT_ROWS + 2 });
    expect(refusal(`time,side,price,amount,note\n${'1764550800000,buy,1,1,'.padEnd(1000, 'x')}\n`.repeat(6 * 1024)).message).toMatch(/^The file: is larger than 5 MB/);
  });
});

describe('parseTradeTime', () => {
  it.each([
    ['2025-12-01T01:00:00Z', Date.UTC(2025, 11, 1, 1)],
    ['2025-12-01 01:00', Date.UTC(2025, 11, 1, 1)],
    ['2025-12-01T03:30:00.5+0230', Date.UTC(2025, 11, 1, 1, 0, 0, 500)],
    ['1764550800000', 1764550800000],
    ['yesterday', null],
    ['2025-13-01T00:00:00Z', null],
  ])('%s', (text, expected) => expect(parseTradeTime(text)).toBe(expected));
});
