import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { engineInChromium } from '../../support/engineInChromium';
import { expectScreenshot } from '../../support/expectScreenshot';
import { missingChromiumReason } from '../../support/requiredTool';
import { expectAxeClean } from './expectAxeClean';
import { dropPrice, sellIntoTheBook, endOutage, onVirtualClock, startOutage } from './engineScenarios';

const skipReason = missingChromiumReason();

const schemes = ['light', 'dark'] as const;

/**
 * Issue 17 in Chromium against the REAL engine and the MEXC simulator: the
 * strategy drawn on the chart (EMAs, buy zone, indicator panes, the bot's
 * fills) and "why no buy yet?", both themes, axe-clean.
 */
describe.skipIf(skipReason !== null)('the strategy on the dashboard (engine + MEXC simulator)', () => {
  const engine = engineInChromium();

  const open = async (colorScheme: 'light' | 'dark' = 'light', url = engine.host.url): Promise<Page> => {
    const { page } = await engine.open({ viewport: { width: 1440, height: 1000 }, colorScheme, url });
    await expect.poll(() => page.getByTestId('candle-chart').getAttribute('data-series'), { timeout: 20_000 }).toContain('ema-slow');
    return page;
  };
  const chart = (page: Page) => page.getByTestId('candle-chart');
  const drawn = async (page: Page) => (await chart(page).getAttribute('data-series'))?.split(' ') ?? [];
  const legend = (page: Page, series: string) => page.getByTestId('chart-legend').locator(`[data-series="${series}"]`);
  const legendNumber = async (page: Page, series: string) => Number((await legend(page, series).textContent())!.match(/ (−?[\d.]+)/)![1]!.replace('−', '-'));

  for (const scheme of schemes) {
    it(`draws the strategy on the daily chart and the toggled panes below it (${scheme})`, async () => {
      const page = await open(scheme);
      // Daily: the EMAs, the buy zone, and RSI (on by default) in a pane of its own.
      expect(await drawn(page)).toEqual(['buy-zone', 'ema-fast', 'ema-slow', 'rsi']);
      expect(await chart(page).getAttribute('data-panes')).toBe('2');
      expect(await legend(page, 'buy-zone').textContent()).toMatch(/^Buy zone: close ≤ EMA60 × 1\.02 = [\d.]+, shaded while EMA20 ≥ EMA60$/);
      expect(await legend(page, 'rsi').textContent()).toMatch(/^RSI\(14\) [\d.]+ \(lines at 30 and 70\)$/);

      // The chart's lines end on the numbers the engine's strategy uses (one indicator module, one window).
      await expect.poll(() => engine.service.snapshot().whyNot?.emaSlow ?? null).not.toBeNull();
      const why = engine.service.snapshot().whyNot!;
      expect(Math.abs((await legendNumber(page, 'ema-slow')) - Number(why.emaSlow))).toBeLessThan(Number(why.emaSlow) * 0.002);
      expect(Math.abs((await legendNumber(page, 'ema-fast')) - Number(why.emaFast))).toBeLessThan(Number(why.emaFast) * 0.002);

      const toggles = page.getByTestId('chart-toggles');
      await toggles.getByLabel('MA lines').check();
      await toggles.getByLabel('MACD').check();
      await toggles.getByLabel('Williams %R').check();
      await expect.poll(() => chart(page).getAttribute('data-panes')).toBe('4');
      expect(await drawn(page)).toEqual(['buy-zone', 'ma-fast', 'ma-slow', 'ema-fast', 'ema-slow', 'rsi', 'macd-histogram', 'macd', 'macd-signal', 'williams-r']);
      expect(await legend(page, 'macd').textContent()).toMatch(/^MACD\(12\/26\/9\) −?[\d.]+$/);
      expect(await legend(page, 'williams-r').textContent()).toMatch(/^Williams %R\(14\) −?[\d.]+ \(lines at -80 and -20\)$/);
      await expectScreenshot(page, `strategy-chart-all-panes-${scheme}`);
      await expectAxeClean(page, `chart with every pane (${scheme})`);

      await toggles.getByLabel('RSI').uncheck();
      await expect.poll(() => chart(page).getAttribute('data-panes')).toBe('3');
      expect(await drawn(page)).not.toContain('rsi');

      // The strategy reads daily candles: other timeframes keep the lines but draw no buy zone.
      await page.getByRole('button', { name: '4h' }).click();
      await expect.poll(() => page.getByRole('heading', { name: 'Chart · 4h' }).count()).toBe(1);
      await expect.poll(async () => (await drawn(page)).includes('buy-zone')).toBe(false);
      expect(await drawn(page)).toContain('ema-slow');
      expect(await legend(page, 'buy-zone').count()).toBe(0);
      await expectScreenshot(page, `strategy-chart-4h-${scheme}`);
      await page.close();
    }, 60_000);

    it(`answers "why no buy yet?" with the engine's numbers (${scheme})`, async () => {
      const page = await open(scheme);
      const panel = page.getByTestId('why-not-panel');
      await expect.poll(() => panel.getByTestId('why-not-signal').count(), { timeout: 20_000 }).toBe(1);
      const why = engine.service.snapshot().whyNot!;
      expect(await panel.getByTestId('why-not-signal').getAttribute('data-signal')).toBe(why.signal);
      expect(await panel.getByText('The bot buys when the daily close ≤ EMA60 × 1.02 and EMA20 ≥ EMA60.').count()).toBe(1);
      const gap = (await panel.getByTestId('why-not-gap').textContent())!;
      expect(gap).toMatch(Number(why.gap) > 0 ? /^Not met: the close is [\d.]+ \([\d.]+ %\) above the buy line: it must fall that far\.$/ : /^Met: the close is [\d.]+ \([\d.]+ %\) inside the buy zone\.$/);
      expect(await panel.getByTestId('why-not-trend').textContent()).toMatch(why.trendUp ? /^Met: EMA20 [\d.]+ ≥ EMA60 [\d.]+$/ : /^Not met: EMA20 [\d.]+ < EMA60 [\d.]+$/);
      // Stopped: the bot's own state is what refuses a buy first, and no run is scheduled.
      expect(await panel.locator('[data-code]').first().getAttribute('data-code')).toBe('BOT_NOT_RUNNING');
      expect(await panel.getByTestId('why-not-next-run').textContent()).toContain('none scheduled');
      await expectScreenshot(page, `why-not-stopped-${scheme}`);
      await expectAxeClean(page, `why-not panel (${scheme})`);

      await page.getByRole('button', { name: 'Start', exact: true }).click();
      await expect.poll(() => panel.locator('[data-code=BOT_NOT_RUNNING]').count()).toBe(0);
      await expect.poll(() => panel.getByTestId('why-not-next-run').textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(in /);
      await page.getByRole('button', { name: 'Stop', exact: true }).click();
      await expect.poll(() => page.getByTestId('bot-state').textContent()).toBe('Stopped');
      await page.close();
    }, 60_000);
  }

  it("marks the bot's paper fill on the chart, and names the full position budget with how far over", async () => {
    const page = await open();
    // The user loosens the strategy so a run buys at once just under the last price (as the fill journey does).
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByLabel('Buy threshold').fill('10');
    await page.getByLabel('Price offset').fill('0.99999999');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('.save-state').textContent()).toBe('Saved');
    await page.getByRole('tab', { name: 'Dashboard' }).click();
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await expect.poll(() => page.getByTestId('bot-state').textContent()).toBe('Running');
    await expect.poll(() => page.getByTestId('why-not-signal').getAttribute('data-signal')).toBe('buy');
    await page.getByRole('button', { name: 'Run strategy now' }).click();
    await expect.poll(() => page.getByTestId('last-decision').textContent()).toContain('Buy');
    dropPrice(engine);
    await sellIntoTheBook(engine);
    await expect.poll(() => page.getByTestId('fills-panel').getByTestId('fills-table').count(), { timeout: 30_000 }).toBe(1);

    // The tape fills the order in parts (PaperBroker), each part a fill, all on today's candle: one marker, and
    // the legend counts every fill the engine has (more may arrive while the page catches up).
    await expect.poll(() => chart(page).getAttribute('data-markers'), { timeout: 20_000 }).toBe('1');
    const legendCountsEngineFills = async () => (await legend(page, 'paper-fills').textContent()) === `P: the bot's paper fills (${(await engine.service.handlers.getTradeHistory(undefined)).fills.length})`;
    await expect.poll(legendCountsEngineFills, { timeout: 20_000 }).toBe(true);
    expect(await legend(page, 'live-fills').count()).toBe(0);

    // The position now holds one order's worth: a maximum position of one order refuses the next, and says by how much.
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByLabel('Max position').fill('50');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('.save-state').textContent()).toBe('Saved');
    await page.getByRole('tab', { name: 'Dashboard' }).click();
    const refusal = page.getByTestId('why-not-panel').locator('[data-code=MAX_POSITION]');
    await expect.poll(() => refusal.count(), { timeout: 20_000 }).toBe(1);
    expect(await refusal.textContent()).toMatch(/^Maximum position \(over by [\d.]+ USDT\): Position [\d.]+ USDT \+ open buys [\d.]+ USDT \+ this order [\d.]+ USDT = [\d.]+ USDT would exceed the maximum position of 50\.00 USDT\.$/);
    expect(engine.service.snapshot().whyNot!.summary).toMatch(/^Buy signal, held: MAX_POSITION \(over by [\d.]+ USDT\)$/);
    await expectScreenshot(page, 'strategy-paper-fill-marker-and-position-limit');
    await expectAxeClean(page, 'dashboard with a fill marker and a refusal');
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await page.close();
  }, 90_000);

  it("marks the bot's live fill with its own marker", async () => {
    // On a virtual clock shared with the simulator, a resting live order fills when the price path crosses it.
    await onVirtualClock(async (liveEngine, time) => {
      const keys = { apiKey: 'mx0vglChartKey7Qa2Lp', secret: 'chartSecret_1a2b3c4d5e6f7a8b9c' };
      liveEngine.sim.accounts.addApiKey({ ...keys, balances: { USDT: '1000' } });
      const { handlers } = liveEngine.service;
      await handlers.saveApiKeys(keys);
      const settings = await handlers.getSettings(undefined);
      // A buy at once, resting just under the last price.
      await handlers.setSettings({ ...settings, strategy: { ...settings.strategy, buyThreshold: 10, priceOffset: 0.99999999 } });
      await handlers.setMode({ mode: 'live', confirmation: 'LIVE' });
      const page = await open('light', liveEngine.host.url);
      await page.getByRole('button', { name: 'Start', exact: true }).click();
      await expect.poll(() => page.getByTestId('bot-state').textContent()).toBe('Running');
      await page.getByRole('button', { name: 'Run strategy now' }).click();
      await expect.poll(() => page.getByTestId('last-decision').textContent()).toContain('Buy');
      await expect.poll(() => liveEngine.service.snapshot().openOrders.filter((o) => !o.paper && o.placedByBot).length).toBe(1);

      dropPrice(liveEngine);
      // The price trades through the order and the engine's live fill poll (every 15 s) reads the fill. Virtual time moves
      // only when the test moves it (a poll's own waits included), so it moves a second at a time until the chart shows the fill.
      for (let second = 0; second < 90 && (await legend(page, 'live-fills').count()) === 0; second++) {
        await time.advance(1_000);
        await page.waitForTimeout(100);
      }
      expect(await legend(page, 'live-fills').count()).toBe(1);
      const { fills } = await handlers.getTradeHistory(undefined);
      expect(fills.length).toBeGreaterThan(0);
      expect(fills.every((fill) => !fill.paper)).toBe(true);
      expect(await legend(page, 'live-fills').textContent()).toBe(`L: the bot's live fills (${fills.length})`);
      expect(await chart(page).getAttribute('data-markers')).toBe('1');
      expect(await legend(page, 'paper-fills').count()).toBe(0);
      await expectScreenshot(page, 'strategy-live-fill-marker');
      await page.close();
    });
  }, 90_000);

  it('badges the candles stale, not "Live", while the breaker is open and the price stale', async () => {
    await onVirtualClock(async (outageEngine, time) => {
      const page = await open('light', outageEngine.host.url);
      await expect.poll(() => page.getByTestId('freshness-candles').getAttribute('data-freshness')).toBe('live');

      startOutage(outageEngine);
      await time.advance(60_000);
      await expect.poll(() => page.getByTestId('breaker-state').getAttribute('data-state')).toBe('open');
      await expect.poll(() => page.getByTestId('freshness-price').getAttribute('data-freshness')).toBe('stale');
      await expect.poll(() => page.getByTestId('freshness-candles').getAttribute('data-freshness')).toBe('stale');
      expect(await page.getByTestId('freshness-candles').textContent()).toContain('Stale');
      await expectScreenshot(page, 'strategy-chart-outage-candles-stale');

      endOutage(outageEngine);
      await time.advance(60_000);
      await expect.poll(() => page.getByTestId('breaker-state').getAttribute('data-state')).toBe('closed');
      await expect.poll(() => page.getByTestId('freshness-candles').getAttribute('data-freshness')).toBe('live');
      await page.close();
    });
  }, 60_000);
});
