import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { engineInChromium } from '../../support/engineInChromium';
import { expectScreenshot } from '../../support/expectScreenshot';
import { missingChromiumReason } from '../../support/requiredTool';
import { expectAxeClean } from './expectAxeClean';

const skipReason = missingChromiumReason();

const KEYS = { apiKey: 'mx0vglHistoryKey4Ea7', secret: 'historySecret_1a2b3c4d5e6f7a8b' };
const DAY = 86_400_000;

/** The original bot's trades table as a user exports it: times without a zone (UTC), BUY/SELL, a CRLF file with a BOM. */
function originalBotCsv(now: number): string {
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString().replace('T', ' ').replace('Z', '');
  const rows = [
    [at(20), 'BUY', '1000', '0.30'],
    [at(16), 'BUY', '500', '0.36'],
    [at(12), 'BUY', '800', '0.28'],
    [at(9), 'SELL', '600', '0.40'],
    [at(5), 'BUY', '400', '0.33'],
    [at(2), 'SELL', '300', '0.31'],
  ].map(([time, action, amount, price]) => `${time},${action},QRL/USDT,${price},${amount},${(Number(price) * Number(amount)).toFixed(4)},ema_accumulation`);
  return '\uFEFFtime,action,symbol,price,amount,cost,strategy\r\n' + rows.join('\r\n') + '\r\n';
}

/**
 * The History view in Chromium against the REAL engine and the MEXC simulator:
 * the import flow (a file input, the engine's checks, duplicates), the fills
 * with what each sell realized, and the position chart, in both themes.
 */
describe.skipIf(skipReason !== null)('History view in Chromium (engine + MEXC simulator)', () => {
  const engine = engineInChromium();
  const dir = mkdtempSync(path.join(tmpdir(), 'qtb-history-e2e-'));
  const goodFile = path.join(dir, 'qrl-original-trades.csv');
  const badFile = path.join(dir, 'bad-trades.csv');

  beforeAll(async () => {
    engine.sim.accounts.addApiKey({ ...KEYS, balances: { USDT: '1000', QRL: '1500' } });
    await engine.service.handlers.saveApiKeys(KEYS);
    // Imported trades are real trades: they count in live mode's history.
    await engine.service.handlers.setMode({ mode: 'live', confirmation: 'LIVE' });
    writeFileSync(goodFile, originalBotCsv(Date.now()));
    writeFileSync(badFile, 'time,action,symbol,price,amount,cost,strategy\n2025-12-01 01:00:00,BUY,QRL/USDT,0.3,10,3,ema\n2025-12-02 01:00:00,BUY,QRL/USDT,zero,10,3,ema\n');
  });

  const openHistory = async (colorScheme: 'light' | 'dark') => {
    const { page, errors } = await engine.open({ colorScheme });
    await page.getByRole('tab', { name: 'History' }).click();
    await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 20_000 }).toBe(0);
    return { page, errors };
  };
  const fileInput = (page: Page) => page.getByLabel('Trade history file (CSV)');

  it('imports the original bot’s trades: fills marked imported, each sell with its realized PnL, the position chart drawn', async () => {
    const { page, errors } = await openHistory('light');
    await expect.poll(() => page.getByTestId('history-chart').textContent()).toContain('No fills yet');
    await fileInput(page).setInputFiles(goodFile);
    await expect.poll(() => page.getByTestId('import-result').textContent(), { timeout: 20_000 }).toBe("Imported 6 trades from the original bot's trades; 0 trades already known were skipped.");

    const table = page.getByTestId('history-fills').getByTestId('fills-table');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(6);
    expect(await table.locator('tbody tr', { hasText: 'imported' }).count()).toBe(6);
    // What the engine computed is what the table shows: sells carry their realized PnL, buys a dash.
    const history = await engine.service.handlers.getTradeHistory(undefined);
    const shown = await table.getByTestId('fill-realized').allTextContents();
    expect(shown.map((text) => text.replace(/[▲▼\s+,]/g, '').replace('−', '-'))).toEqual(history.fills.map((fill) => (fill.realizedPnl ? Number(fill.realizedPnl).toFixed(2) : '—')));
    expect(shown.filter((text) => text !== '—')).toHaveLength(2);
    expect(await page.getByTestId('history-pnl').getByTestId('pnl').textContent()).toContain('1,800'); // 2700 bought, 900 sold

    const chart = page.getByTestId('position-chart');
    await expect.poll(() => chart.locator('canvas').count()).toBeGreaterThan(0);
    const box = await chart.boundingBox();
    expect(box!.height).toBeGreaterThan(300);
    expect(await page.locator(`#${await chart.getAttribute('aria-describedby')}`.replace(/:/g, '\\:')).textContent()).toMatch(/1,800 QRL held at an average cost of/);
    await expectScreenshot(page, 'history-imported-light');
    await expectAxeClean(page, 'imported trades (light)');
    expect(errors, errors.join('\n')).toEqual([]);
    await page.close();
  }, 60_000);

  it('a second import of the same file imports 0; a bad row is refused by line and column and imports nothing (dark theme)', async () => {
    const { page, errors } = await openHistory('dark');
    await expect.poll(() => page.getByTestId('history-fills').locator('tbody tr').count()).toBe(6);
    await fileInput(page).setInputFiles(goodFile);
    await expect.poll(() => page.getByTestId('import-result').textContent(), { timeout: 20_000 }).toBe("Imported 0 trades from the original bot's trades; 6 trades already known were skipped.");

    await fileInput(page).setInputFiles(badFile);
    await expect.poll(() => page.getByTestId('history-import').getByRole('alert').textContent(), { timeout: 20_000 }).toBe('Line 3, price: must be a number above 0 (e.g. 0.0123). Nothing was imported.');
    expect((await engine.service.handlers.getTradeHistory(undefined)).importedCount).toBe(6);
    await expect.poll(() => page.getByTestId('position-chart').locator('canvas').count()).toBeGreaterThan(0);
    await expectScreenshot(page, 'history-import-refused-dark');
    await expectAxeClean(page, 'import refused (dark)');
    expect(errors, errors.join('\n')).toEqual([]);
    await page.close();
  }, 60_000);
});
