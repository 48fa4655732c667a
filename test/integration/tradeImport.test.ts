import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BotService } from '../../main/core/bot/BotService';
import { IMPORTED_FILLS_FILE } from '../../main/core/trading/ImportedFills';
import { ContractFailure, type TradeImportResult } from '../../shared/contract';
import { tradeImportParts } from '../../shared/tradeImport';
import { fillBotBuysUnseen, MONEY_START, useMoneyEngines } from '../support/moneyPathScenario';

const HOUR = 3_600_000;
let uploads = 0;

/** Sends a file as the page does: in parts, in order; the last answer is the import's. */
async function importFile(service: BotService, text: string): Promise<TradeImportResult> {
  const parts = tradeImportParts(text);
  const uploadId = `test-upload-${++uploads}`;
  let result: TradeImportResult | null = null;
  for (const [part, chunk] of parts.entries()) result = await service.handlers.importTrades({ uploadId, part, parts: parts.length, text: chunk });
  return result!;
}

/**
 * The original bot's history: 1000 QRL at 1 USDT long ago, 300 small buys at 1,
 * then 500 sold at 0.5 an hour before now (a 250 USDT loss today). Counted in
 * the money path it would break both the position cap and the daily loss cap.
 */
function originalBotFile(): string {
  const iso = (time: number) => new Date(time).toISOString().replace('Z', '').replace('T', ' ');
  const start = Date.UTC(2026, 9, 1);
  const rows = ['time,action,symbol,price,amount,cost,strategy', `${iso(start)},BUY,QRL/USDT,1,1000,1000,ema`];
  for (let i = 1; i <= 300; i++) rows.push(`${iso(start + i * HOUR)},BUY,QRL/USDT,1.0,1,1,ema`);
  rows.push(`${iso(MONEY_START - HOUR)},SELL,QRL/USDT,0.5,500,250,`);
  return rows.join('\r\n') + '\r\n';
}

describe('importTrades through the real engine (MEXC simulator, a data folder, restarts)', () => {
  const start = useMoneyEngines();

  it('imported trades count in the live position and cost basis, survive a restart, and a second import imports 0', async () => {
    const engine = await start({ live: true, risk: { maxPositionUsdt: 60, dailyLossCapUsdt: 25 } });
    const file = originalBotFile();
    expect(tradeImportParts(file).length).toBeGreaterThan(1);
    expect(await importFile(engine.service, file)).toEqual({ status: 'imported', format: 'original-bot', rows: 302, imported: 302, duplicates: 0 });

    const history = await engine.service.handlers.getTradeHistory(undefined);
    expect(history.fills.filter((fill) => fill.imported)).toHaveLength(302);
    expect(history.pnl).toMatchObject({ positionAmount: '800', averageCost: '1', realized: '-250' });
    expect(history.fills.find((fill) => fill.side === 'sell')).toMatchObject({ realizedPnl: '-250', imported: true });
    expect(history.timeline?.at(-1)).toMatchObject({ positionAmount: '800', realized: '-250' });
    expect(engine.service.snapshot().pnl).toMatchObject({ positionAmount: '800' });
    expect(readFileSync(path.join(engine.dataDir, IMPORTED_FILLS_FILE), 'utf8').trim().split('\n')).toHaveLength(1); // one import, one line

    // Never the bot's: neither the position cap (800 USDT of imported cost > 60) nor today's 250 USDT loss (> 25) stop its buy.
    await engine.service.handlers.startBot(undefined);
    expect(await engine.service.handlers.runNow(undefined)).toMatchObject({ action: 'buy' });
    await engine.service.handlers.stopBot(undefined);

    const restarted = await engine.restart();
    await restarted.handlers.setMode({ mode: 'live', confirmation: 'LIVE', openOrders: 'keep' });
    const after = await restarted.handlers.getTradeHistory(undefined);
    expect(after).toMatchObject({ importedCount: 302, pnl: { positionAmount: '800', averageCost: '1', realized: '-250' } });
    expect(await importFile(restarted, file)).toEqual({ status: 'imported', format: 'original-bot', rows: 302, imported: 0, duplicates: 302 });

    // This app's own export of the same history reads back as all duplicates.
    const exported = await restarted.handlers.exportTrades(undefined);
    expect(exported.csv.split('\r\n')[0]).toMatch(/,realized_pnl,imported$/);
    expect(await importFile(restarted, exported.csv)).toMatchObject({ format: 'app', imported: 0, duplicates: 302 });
  });

  it('in dry-run the paper history stays the paper wallet’s own; the imported trades wait in live mode', async () => {
    const engine = await start();
    expect(await importFile(engine.service, originalBotFile())).toMatchObject({ imported: 302 });
    const history = await engine.service.handlers.getTradeHistory(undefined);
    expect(history).toMatchObject({ importedCount: 302, fills: [], pnl: { positionAmount: '0' } });
  });

  it("the bot's own live fill, exported and imported in dry-run before the live account was read, counts once in live mode", async () => {
    const engine = await start({ live: true });
    await engine.service.handlers.startBot(undefined);
    await engine.service.handlers.runNow(undefined);
    await engine.service.handlers.stopBot(undefined);
    await fillBotBuysUnseen(engine);
    await engine.time.advance(60_000); // the fill poll reads it
    const own = await engine.service.handlers.getTradeHistory(undefined);
    expect(own.fills).toHaveLength(1);
    const exported = await engine.service.handlers.exportTrades(undefined);

    const restarted = await engine.restart(); // starts in dry-run: the live account is not read
    expect(await importFile(restarted, exported.csv)).toMatchObject({ format: 'app', imported: 1 });
    await restarted.handlers.setMode({ mode: 'live', confirmation: 'LIVE' });
    const shown = await restarted.handlers.getTradeHistory(undefined);
    expect(shown.fills.map((fill) => fill.imported)).toEqual([false]);
    expect(shown.pnl.positionAmount).toBe(own.pnl.positionAmount);
  });

  it('a file with one bad row imports nothing and names the line and the column', async () => {
    const engine = await start({ live: true });
    const lines = originalBotFile().split('\r\n');
    lines[150] = lines[150]!.replace(',1.0,', ',one,');
    const error = await importFile(engine.service, lines.join('\r\n')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractFailure);
    expect(error).toMatchObject({ code: 'INVALID_PAYLOAD', message: 'Line 151, price: must be a number above 0 (e.g. 0.0123). Nothing was imported.' });
    expect((await engine.service.handlers.getTradeHistory(undefined)).importedCount).toBe(0);
  });

  it('parts out of order are refused, and the file can be sent again', async () => {
    const engine = await start();
    const parts = tradeImportParts(originalBotFile());
    await engine.service.handlers.importTrades({ uploadId: 'out-of-order', part: 0, parts: parts.length, text: parts[0]! });
    await expect(engine.service.handlers.importTrades({ uploadId: 'out-of-order', part: 2, parts: parts.length, text: parts[2]! })).rejects.toMatchObject({ code: 'INVALID_PAYLOAD' });
    expect(await importFile(engine.service, originalBotFile())).toMatchObject({ imported: 302 });
  });
});
