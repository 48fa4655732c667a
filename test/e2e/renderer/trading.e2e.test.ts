import { describe, expect, it } from 'vitest';
import { createSimMexcClient } from '../../support/createSimMexcClient';
import { engineInChromium } from '../../support/engineInChromium';
import { expectScreenshot } from '../../support/expectScreenshot';
import { missingChromiumReason } from '../../support/requiredTool';
import { expectAxeClean } from './expectAxeClean';
import { dropPrice, sellIntoTheBook, endOutage, missingEngineFeature, onVirtualClock, startOutage } from './engineScenarios';

const skipReason = missingChromiumReason();

const API_KEY = 'mx0vglSimKey4Ea7Lp2Q';
const SECRET = 'simSecret_1a2b3c4d5e6f7a8b9c0d';
const views = ['Dashboard', 'Orders', 'Alerts', 'History', 'Backtest', 'Settings'] as const;

/**
 * The trader's journeys in Chromium against the REAL engine (BotService) and
 * the MEXC simulator, through the web host: no fakes between the page and the exchange.
 */
describe.skipIf(skipReason !== null)('trader journeys in Chromium (engine + MEXC simulator)', () => {
  const engine = engineInChromium();
  const open = async () => (await engine.open()).page;

  it('first run without keys: dry-run, live prices, a chart and no trading', async () => {
    const page = await open();
    expect(await page.getByTestId('bot-mode').textContent()).toBe('DRY-RUN');
    expect(await page.getByTestId('live-banner').count()).toBe(0);
    await expect.poll(() => page.getByTestId('freshness-price').getAttribute('data-freshness'), { timeout: 20_000 }).toBe('live');
    expect(await page.getByTestId('last-price').textContent()).toMatch(/^[\d,]+\.\d+$/);
    await expect.poll(() => page.getByTestId('candle-chart').count(), { timeout: 20_000 }).toBe(1);
    await page.getByRole('button', { name: '4h' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Chart · 4h' }).count()).toBe(1);
    await expectScreenshot(page, 'journey-first-run-dashboard');

    await page.getByRole('tab', { name: 'Settings' }).click();
    await expect.poll(() => page.getByTestId('key-status').textContent()).toContain('No keys saved');
    await page.close();
  });

  it('entering keys: the secret never comes back to the page; test connection says what happened', async () => {
    engine.sim.accounts.addApiKey({ apiKey: API_KEY, secret: SECRET, balances: { USDT: '1000' } });
    const page = await open();
    const received: string[] = [];
    page.on('websocket', (socket) => socket.on('framereceived', (frame) => received.push(String(frame.payload))));
    await page.reload();
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('textbox', { name: 'API key', exact: true }).fill(API_KEY);
    await page.getByLabel('Secret').fill(SECRET);
    await page.getByRole('button', { name: 'Save keys' }).click();
    await expect.poll(() => page.getByTestId('masked-key').textContent()).toMatch(/…/);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => page.getByTestId('connection-result').textContent(), { timeout: 20_000 }).toContain('Connected');
    expect(await page.getByTestId('connection-result').textContent()).toContain('Trading permission: yes');
    await expectScreenshot(page, 'journey-keys-saved-tested');

    const traces = await page.evaluate(() =>
      [document.documentElement.outerHTML, ...[...document.querySelectorAll('input')].map((input) => input.value), JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })].join('\n'),
    );
    expect(traces.includes(SECRET)).toBe(false);
    expect(received.some((frame) => frame.includes(SECRET))).toBe(false);
    await page.close();
  });

  it('switching to live needs the typed confirmation, then LIVE is unmistakable', async ({ skip }) => {
    const missing = await missingEngineFeature(engine, 'live-mode');
    if (missing) skip(missing);
    const page = await open();
    await page.getByRole('tab', { name: 'Settings' }).click();
    const goLive = page.getByRole('button', { name: 'Switch to live trading' });
    expect(await goLive.isDisabled()).toBe(true);
    await page.getByLabel(/to switch to live trading/).fill('live');
    expect(await goLive.isDisabled()).toBe(true);
    await page.getByLabel(/to switch to live trading/).fill('LIVE');
    await goLive.click();
    await expect.poll(() => page.getByTestId('live-banner').count()).toBe(1);
    expect(await page.getByTestId('settings-mode').textContent()).toBe('LIVE');
    await page.getByRole('tab', { name: 'Dashboard' }).click();
    expect(await page.getByTestId('bot-mode').textContent()).toBe('LIVE');
    await expectScreenshot(page, 'journey-live-dashboard');

    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Switch back to dry-run' }).click();
    await expect.poll(() => page.getByTestId('live-banner').count()).toBe(0);
    await page.close();
  });

  it('a fill shows up in recent fills and raises an alert', async ({ skip }) => {
    const missing = await missingEngineFeature(engine, 'fill');
    if (missing) skip(missing);
    const page = await open();
    // The user loosens the strategy in Settings so this run buys at once, just under the last price.
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByLabel('Buy threshold').fill('10');
    await page.getByLabel('Price offset').fill('0.99999999');
    await page.getByLabel('Ticker').fill('1');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('.save-state').textContent()).toBe('Saved');

    await page.getByRole('tab', { name: 'Dashboard' }).click();
    if ((await page.getByTestId('bot-state').textContent()) !== 'Running') await page.getByRole('button', { name: 'Start', exact: true }).click();
    await expect.poll(() => page.getByTestId('bot-state').textContent()).toBe('Running');
    await page.getByRole('button', { name: 'Run strategy now' }).click();
    await expect.poll(() => page.getByTestId('last-decision').textContent()).toContain('Buy');
    await expect.poll(() => page.getByTestId('orders-panel').getByRole('button', { name: /^Cancel buy order/ }).count()).toBe(1);

    // The market dips through the resting paper buy, and a seller's prints on the tape fill it.
    dropPrice(engine);
    await sellIntoTheBook(engine);
    await expect.poll(() => page.getByTestId('fills-panel').getByTestId('fills-table').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.locator('[data-testid=alerts-feed] li[data-kind=fill]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=alerts-feed] li[data-kind=fill]').first().textContent()).toMatch(/Bought .* QRL/);
    await expectScreenshot(page, 'journey-fill-alert');

    await page.getByRole('tab', { name: 'History' }).click();
    await expect.poll(() => page.getByTestId('history-fills').getByTestId('fills-table').count()).toBe(1);
    await expectScreenshot(page, 'journey-history');
    await page.getByRole('tab', { name: 'Dashboard' }).click();
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await page.close();
  }, 60_000);

  it("the bot's orders and one placed by hand: a mode switch asks about the bot's, the other is marked and left alone", async ({ skip }) => {
    const missing = await missingEngineFeature(engine, 'live-mode');
    if (missing) skip(missing);
    const { client: byHand } = createSimMexcClient(engine.sim, { keys: { apiKey: API_KEY, secret: SECRET } });
    await byHand.createOrder({ symbol: 'QRL/USDT', type: 'limit', side: 'buy', amount: 600, price: 0.01, clientOrderId: 'placed-by-hand-1' });
    byHand.close();
    const page = await open();
    // A buy 10 % under the market: it rests on the (paper) book.
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByLabel('Price offset').fill('0.9');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('.save-state').textContent()).toBe('Saved');
    await page.getByRole('tab', { name: 'Dashboard' }).click();
    if ((await page.getByTestId('bot-state').textContent()) !== 'Running') await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByRole('button', { name: 'Run strategy now' }).click();
    await expect.poll(() => page.getByTestId('orders-panel').getByRole('button', { name: /^Cancel buy order/ }).count()).toBeGreaterThan(0);

    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByLabel(/to switch to live trading/).fill('LIVE');
    const goLive = page.getByRole('button', { name: 'Switch to live trading' });
    expect(await page.getByTestId('open-orders-choice').textContent()).toMatch(/The bot has \d+ open paper orders?/);
    expect(await goLive.isDisabled(), 'the switch waits for a choice about the open orders').toBe(true);
    await page.getByLabel(/keep (it|them) open/).check();
    await expectScreenshot(page, 'journey-mode-switch-open-orders-choice');
    await goLive.click();
    await expect.poll(() => page.getByTestId('live-banner').count()).toBe(1);

    await page.getByRole('tab', { name: 'Dashboard' }).click();
    const orders = page.getByTestId('orders-panel');
    await expect.poll(() => orders.getByText('not placed by the bot').count(), { timeout: 30_000 }).toBe(1);
    expect(await orders.locator('tr', { hasText: 'not placed by the bot' }).getByRole('button').count(), 'no cancel offered for an order the bot did not place').toBe(0);
    expect(await orders.getByText('paper', { exact: true }).count(), 'the kept paper order is still shown').toBeGreaterThan(0);
    await expectScreenshot(page, 'journey-own-and-hand-made-orders');

    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await page.getByRole('button', { name: 'Evaluate strategy now' }).click();
    await expect.poll(() => page.getByTestId('last-decision').textContent()).toMatch(/Preview \(no order\)|Hold/);
    await expectScreenshot(page, 'journey-stopped-run-is-a-preview');
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Switch back to dry-run' }).click();
    await expect.poll(() => page.getByTestId('live-banner').count()).toBe(0);
    await page.close();
  }, 60_000);

  it('a simulator outage badges the data stale and shows the breaker open', async () => {
    // Engine and simulator share a virtual clock, so a minute of failing polls takes no time.
    await onVirtualClock(async (outageEngine, time) => {
      const { page } = await engine.open({ url: outageEngine.host.url });
      await expect.poll(() => page.getByTestId('freshness-price').getAttribute('data-freshness')).toBe('live');
      expect(await page.getByTestId('breaker-state').getAttribute('data-state')).toBe('closed');

      startOutage(outageEngine);
      await time.advance(60_000);
      await expect.poll(() => page.getByTestId('breaker-state').getAttribute('data-state')).toBe('open');
      await expect.poll(() => page.getByTestId('freshness-price').getAttribute('data-freshness')).toBe('stale');
      expect(await page.getByTestId('freshness-price').textContent()).toContain('Stale');
      expect(await page.getByTestId('api-last-error').textContent()).toContain('Last error');
      await expectScreenshot(page, 'journey-outage-stale-breaker-open');

      endOutage(outageEngine);
      await time.advance(60_000);
      await expect.poll(() => page.getByTestId('breaker-state').getAttribute('data-state')).toBe('closed');
      await expect.poll(() => page.getByTestId('freshness-price').getAttribute('data-freshness')).toBe('live');
      await page.close();
    });
  });

  it('a backtest shows its progress, then the equity curve and trade list', async ({ skip }) => {
    const missing = await missingEngineFeature(engine, 'backtest');
    if (missing) skip(missing);
    const page = await open();
    await page.getByRole('tab', { name: 'Backtest' }).click();
    const progressEvents: string[] = [];
    page.on('websocket', (socket) => socket.on('framereceived', (frame) => String(frame.payload).includes('"backtestProgress"') && progressEvents.push(String(frame.payload))));
    await page.reload();
    await page.getByRole('tab', { name: 'Backtest' }).click();
    // A fast run may finish before a poll could look: note every progress line the page ever draws.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid=backtest-progress]')?.textContent;
        if (text && seen[seen.length - 1] !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByLabel('Days of daily candles').fill('365');
    await page.getByRole('button', { name: 'Run backtest' }).click();
    await expect.poll(() => page.getByTestId('backtest-result').count(), { timeout: 60_000 }).toBe(1);
    const progressSeen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    expect(progressSeen.length, 'the progress line was never drawn').toBeGreaterThan(0);
    expect(progressEvents.length, 'the engine sent no backtestProgress event').toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('equity-chart').count()).toBe(1);
    expect(await page.getByTestId('backtest-trades').count()).toBe(1);
    await expectScreenshot(page, 'journey-backtest-result');
    await page.close();
  });

  it('every view, with market data, has no serious or critical axe violations', async () => {
    const page = await open();
    for (const view of views) {
      await page.getByRole('tab', { name: view }).click();
      await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 20_000 }).toBe(0);
      await expectAxeClean(page, view);
      await expectScreenshot(page, `view-${view.toLowerCase()}-with-market`);
    }
    await page.close();
  }, 90_000);
});
