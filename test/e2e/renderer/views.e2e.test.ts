import { describe, expect, it } from 'vitest';
import { BotService } from '../../../main/core/bot/BotService';
import { MemorySecretStore } from '../../support/MemorySecretStore';
import { webHostInChromium } from '../../support/webHostInChromium';
import { expectScreenshot } from '../../support/expectScreenshot';
import { missingChromiumReason } from '../../support/requiredTool';
import { screenshotPath } from '../../support/screenshotPath';
import { BUILT_RENDERER } from '../../support/startTestWebHost';
import { startWebHost } from '../../../main/web/WebHost';
import { expectAxeClean } from './expectAxeClean';
import { UNREACHABLE_EXCHANGE } from './engineScenarios';

const skipReason = missingChromiumReason();

const views = ['Dashboard', 'Orders', 'Alerts', 'History', 'Backtest', 'Settings'] as const;

/**
 * The renderer in Chromium against the real engine (BotService) through the
 * web host, with the exchange unreachable: every view must still say what it
 * is waiting for, pass axe, and be usable from the keyboard.
 */
describe.skipIf(skipReason !== null)('renderer views in Chromium (engine that cannot reach the exchange)', () => {
  const suite = webHostInChromium(() => new BotService({ secretStore: new MemorySecretStore(), exchangeBaseUrl: UNREACHABLE_EXCHANGE, sleep: async () => undefined }));

  const open = async (options: Parameters<typeof suite.open>[0] = {}) => {
    const { page, errors } = await suite.open(options);
    await expect.poll(() => page.getByTestId('bot-state').textContent()).toBe('Stopped');
    return { page, errors };
  };

  for (const scheme of ['light', 'dark'] as const) {
    it(`shows every view with no serious or critical axe violations (${scheme})`, async () => {
      const { page, errors } = await open({ colorScheme: scheme });
      for (const view of views) {
        await page.getByRole('tab', { name: view }).click();
        await expect.poll(() => page.getByRole('tab', { name: view }).getAttribute('aria-selected')).toBe('true');
        // Let each panel settle into its loaded, empty or error state.
        await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
        await expectAxeClean(page, `${view} (${scheme})`);
        await expectScreenshot(page, `view-${view.toLowerCase()}-no-market-${scheme}`);
      }
      expect(errors, errors.join('\n')).toEqual([]);
      await page.close();
    }, 90_000);
  }

  it('says what each panel is waiting for instead of showing blanks', async () => {
    const { page } = await open();
    await expect.poll(() => page.getByTestId('price-card').textContent()).toContain('Waiting for the first ticker');
    expect(await page.getByTestId('balances-panel').textContent()).toContain('No balances yet');
    expect(await page.getByTestId('orders-panel').textContent()).toContain('No open orders');
    // A command that fails shows the engine's reason where the data would be, with a way to retry.
    await expect.poll(() => page.getByTestId('candle-panel').getByRole('alert').textContent(), { timeout: 15_000 }).toMatch(/\w+/);
    expect(await page.getByTestId('candle-panel').getByRole('button', { name: 'Retry' }).count()).toBe(1);
    await page.close();
  });

  it('moves between views with the arrow keys on one tab stop, with a visible focus ring', async () => {
    const { page } = await open();
    await page.getByRole('tab', { name: 'Dashboard' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByRole('tab', { name: 'Orders' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Orders');
    await page.keyboard.press('End');
    await expect.poll(() => page.getByRole('tab', { name: 'Settings' }).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByRole('tab', { name: 'Dashboard' }).getAttribute('aria-selected')).toBe('true');
    // Only the selected tab is in the Tab order.
    expect(await page.locator('[role=tab][tabindex="0"]').count()).toBe(1);
    await page.keyboard.press('ArrowLeft');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
    const file = screenshotPath('keyboard-focus-settings-tab');
    await page.screenshot({ path: file });
    await page.close();
  });

  it('stops animations when the system asks for reduced motion', async () => {
    const { page } = await open({ reducedMotion: 'reduce' });
    const animation = await page.evaluate(() => {
      const probe = document.createElement('span');
      probe.className = 'spinner';
      document.body.append(probe);
      return getComputedStyle(probe).animationName;
    });
    expect(animation).toBe('none');
    await page.close();
  });

  it('shows an engine alert the moment it is raised, and counts it on the Alerts tab', async () => {
    const { page } = await open();
    suite.service.raiseAlert({ severity: 'warning', kind: 'price', message: 'QRL above 0.2500 USDT (e2e rule).' });
    await expect.poll(() => page.getByTestId('alerts-feed').textContent()).toContain('QRL above 0.2500 USDT (e2e rule).');
    expect(await page.getByRole('tab', { name: /Alerts/ }).textContent()).toMatch(/Alerts\s*\d+/);
    await page.getByRole('tab', { name: /Alerts/ }).click();
    await expect.poll(() => page.getByTestId('alerts-feed').textContent()).toContain('e2e rule');
    await page.close();
  });

  it("validates settings with the contract's messages, saves through the engine and applies the theme", async () => {
    const { page } = await open();
    await page.getByRole('tab', { name: 'Settings' }).click();
    const redis = page.getByLabel('Redis URL');
    await redis.fill('http://127.0.0.1:6379');
    await expect.poll(() => page.getByText('must start with redis:// or rediss://').count()).toBe(1);
    expect(await redis.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Save settings' }).isDisabled()).toBe(true);
    const file = screenshotPath('settings-validation');
    await page.screenshot({ path: file, fullPage: true });

    await redis.fill('');
    // A rule across sections (risk vs strategy) is shown on the field it names.
    const maxPosition = page.getByLabel('Max position');
    await maxPosition.fill('10');
    await expect.poll(() => page.getByTestId('settings-risk').getByRole('alert').textContent()).toContain('must be at least baseOrderUsdt');
    await maxPosition.fill('500');
    await page.getByRole('button', { name: 'Add rule' }).click();
    // With no price yet the new rule starts empty: the schema's verdict shows, the page keeps working.
    await expect.poll(() => page.getByTestId('settings-price-alerts').getByRole('alert').count()).toBe(1);
    await page.getByLabel('Rule 1 value in USDT').fill('0.25');
    await page.getByLabel('Dark').check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(suite.service.settings.theme).toBe('dark');
    expect(suite.service.settings.priceAlerts).toMatchObject([{ type: 'above', value: '0.25', enabled: true }]);
    await page.close();
  });

  it('says so when the engine connection drops, then reconnects and catches up on its own', async () => {
    const { page } = await open();
    const { port, token } = suite.host;
    await suite.host.close();
    await expect.poll(() => page.getByTestId('connection').textContent()).toContain('Disconnected');
    expect(await page.getByTestId('offline-banner').textContent()).toContain('not updating');
    await page.screenshot({ path: screenshotPath('dashboard-disconnected'), fullPage: true });

    // The engine comes back (same port and token) having moved on while the page was away.
    await suite.service.handlers.startBot(undefined);
    suite.host = await startWebHost({ service: suite.service, staticDir: BUILT_RENDERER, port, token });
    await expect.poll(() => page.getByTestId('connection').textContent(), { timeout: 15_000 }).toBe('Connected');
    await expect.poll(() => page.getByTestId('bot-state').textContent()).toBe('Running');
    expect(await page.getByTestId('offline-banner').count()).toBe(0);
    await suite.service.handlers.stopBot(undefined);
    await page.close();
  });
});
