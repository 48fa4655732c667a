import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LastSnapshotFile } from '../../main/core/bot/LastSnapshotFile';
import { startMexcSim, type MexcSim } from '../mexc-sim/index';
import { launchChromium } from '../support/launchChromium';
import { missingChromiumReason } from '../support/requiredTool';
import { sampleMarket, sampleSnapshot } from '../support/sampleSnapshot';
import { screenshotPath } from '../support/screenshotPath';
import { spawnWebServer, type WebServerRun } from '../support/spawnWebServer';

const skipReason = missingChromiumReason();

/** A price the simulator never quotes, so the page cannot mistake it for a fresh one. */
const SAVED_PRICE = '0.1234';
const SAVED_AGE_MS = 3 * 60_000 + 10_000;
/** Every answer from the simulator takes this long: the page must show the saved price before any arrives. */
const EXCHANGE_DELAY_MS = 3_000;

/** What the last run left in the data folder: its last fresh price, three minutes ago. */
async function saveLastPrice(dataDir: string): Promise<void> {
  const savedAt = Date.now() - SAVED_AGE_MS;
  const file = new LastSnapshotFile({ dataDir, symbol: 'QRL/USDT', clock: { now: () => savedAt }, timers: { setTimeout: () => ({ id: 0 }), clearTimeout: () => undefined }, logger: console });
  file.remember(sampleSnapshot({ market: { ...sampleMarket(SAVED_PRICE), fetchedAt: savedAt } }));
  await file.flush();
}

/** The web host program (dist/web/server.mjs) started a second time, in Chromium, while MEXC (the simulator) is slow to answer. */
describe.skipIf(skipReason !== null)('a warm start in Chromium (issue 16)', () => {
  let sim: MexcSim;
  let browser: Browser;
  let server: WebServerRun;

  beforeAll(async () => {
    sim = await startMexcSim({ useRealClock: true, startTime: Date.now() });
    sim.faults.inject({ kind: 'latency', ms: EXCHANGE_DELAY_MS, times: Infinity });
    const dataDir = mkdtempSync(path.join(tmpdir(), 'qtb-warm-'));
    await saveLastPrice(dataDir);
    server = spawnWebServer(dataDir, { MEXC_BASE_URL: sim.url, MEXC_WS_URL: 'off' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await sim?.close();
  });

  it('shows the last known price at once, badged stale with its real age, until the exchange answers', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto((await server.url).href);

    await expect.poll(() => page.getByTestId('last-price').textContent()).toBe(SAVED_PRICE);
    const badge = page.getByTestId('freshness-price');
    expect(await badge.getAttribute('data-freshness')).toBe('stale');
    expect(await badge.textContent()).toContain('Stale · 3 min old');
    const file = screenshotPath('warm-start-stale-price');
    await page.getByTestId('price-card').screenshot({ path: file });
    expect(statSync(file).size).toBeGreaterThan(1000);
    await page.screenshot({ path: screenshotPath('warm-start-stale-dashboard'), fullPage: true });

    // Fresh data from the exchange replaces it.
    await expect.poll(() => badge.getAttribute('data-freshness'), { timeout: 45_000 }).toBe('live');
    expect(await page.getByTestId('last-price').textContent()).not.toBe(SAVED_PRICE);
    expect(errors, errors.join('\n')).toEqual([]);
    await page.close();
  }, 60_000);
});
