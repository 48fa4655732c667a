import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { BrokerFill } from './Broker';
import { ImportedFills, IMPORTED_FILLS_FILE, isImportedFill } from './ImportedFills';
import { importTrades, TradeImportSaveError } from './importTrades';
import { TradeCsvError } from './TradeCsvError';

const market = { symbol: 'QRL/USDT', base: 'QRL', quote: 'USDT' };
const NOW = Date.parse('2026-11-27T10:00:00Z');
const clock = { now: () => NOW };
const ORIGINAL = [
  'time,action,symbol,price,amount,cost,strategy',
  '2025-12-01T01:00:00,BUY,QRL/USDT,0.5,100,50,ema',
  '2025-12-02T01:00:00,BUY,QRL/USDT,0.25,200,50,ema',
  '2025-12-02T01:00:00,BUY,QRL/USDT,0.250,200,50,ema',
].join('\r\n');

const openStore = async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'qtb-import-'));
  const file = path.join(dir, IMPORTED_FILLS_FILE);
  return { file, store: await ImportedFills.open(file, clock) };
};

describe('importTrades', () => {
  it('keeps new trades on disk, marked imported and never the bot’s; a second import of the same file imports 0', async () => {
    const { file, store } = await openStore();
    const first = await importTrades(ORIGINAL, { store, ownFills: [], market, now: NOW });
    // the third row repeats the second (0.250 is 0.25): a duplicate within the file
    expect(first).toEqual({ format: 'original-bot', rows: 3, imported: 2, duplicates: 1 });
    expect(store.fills().every((fill) => isImportedFill(fill) && fill.clientOrderId === null && fill.source === 'original-bot')).toBe(true);
    // one import, one line: a crash while writing it keeps all of it or none (test/integration/tradeImportKill.test.ts)
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
    expect(readFileSync(file, 'utf8')).toMatch(/^\{"crc":"[0-9a-f]{8}","data":/);

    const reopened = await ImportedFills.open(file, clock);
    expect(reopened.fills().map((f) => [f.side, f.price, f.amount])).toEqual([
      ['buy', '0.5', '100'],
      ['buy', '0.25', '200'],
    ]);
    expect(await importTrades(ORIGINAL, { store: reopened, ownFills: [], market, now: NOW })).toEqual({ format: 'original-bot', rows: 3, imported: 0, duplicates: 3 });
  });

  it('skips a row that is one of the bot’s own fills (same time, side, price and amount)', async () => {
    const { store } = await openStore();
    const own: BrokerFill = { id: '77', orderId: 'o', clientOrderId: 'qtb-1', symbol: 'QRL/USDT', side: 'buy', price: '0.50', amount: '100.0', cost: '50', fee: { cost: '0.1', currency: 'USDT' }, takerOrMaker: 'maker', timestamp: Date.parse('2025-12-01T01:00:00Z') };
    expect(await importTrades(ORIGINAL, { store, ownFills: [own], market, now: NOW })).toMatchObject({ imported: 1, duplicates: 2 });
  });

  it('imports nothing when any row is bad, and says which line and column', async () => {
    const { file, store } = await openStore();
    const bad = `${ORIGINAL}\r\n2025-12-03T01:00:00,BUY,QRL/USDT,0.5,,50,ema`;
    const error = await importTrades(bad, { store, ownFills: [], market, now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TradeCsvError);
    expect(error).toMatchObject({ line: 5, field: 'amount' });
    expect(store.fills()).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe('');
  });
  it('a save the disk refuses counts none of the import, says to import again, and the next import keeps it whole', async () => {
    const { file, store } = await openStore();
    vi.spyOn(store, 'addAll').mockRejectedValueOnce(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    const refused = importTrades(ORIGINAL, { store, ownFills: [], market, now: NOW });
    await expect(refused).rejects.toBeInstanceOf(TradeImportSaveError);
    await expect(refused).rejects.toThrow(/^Saving the 2 imported trades failed: ENOSPC: no space left on device, write\. They are not counted now; import the same file again/);
    expect(store.fills()).toEqual([]);
    expect(await importTrades(ORIGINAL, { store, ownFills: [], market, now: NOW })).toMatchObject({ imported: 2, duplicates: 1 });
    expect((await ImportedFills.open(file, clock)).fills()).toHaveLength(2);
  });
});
