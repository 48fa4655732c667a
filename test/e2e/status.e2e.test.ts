import { statSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebHost } from '../../main/web/WebHost';
import { launchChromium } from '../support/launchChromium';
import { CHROMIUM_PATH, isExecutable, missingToolReason } from '../support/requiredTool';
import { screenshotPath } from '../support/screenshotPath';
import { startTestWebHost } from '../support/startTestWebHost';

const skipReason = missingToolReason('Chromium', isExecutable(CHROMIUM_PATH), 'apt-get install chromium, or set CHROMIUM_PATH');

describe.skipIf(skipReason !== null)('dashboard in Chromium through the web host', () => {
  let host: WebHost;
  let browser: Browser;
  beforeAll(async () => {
    ({ host } = await startTestWebHost());
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  it('shows the status BotService reports, and drives it with the buttons', async () => {
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
    await page.goto(host.url);

    await expect.poll(() => page.getByTestId('bot-state').textContent()).toBe('Stopped');
    expect(await page.getByTestId('bot-mode').textContent()).toBe('DRY-RUN');
    expect(await page.getByText('QRL/USDT').count()).toBe(1);

    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => page.getByTestId('bot-state').textContent()).toBe('Running');

    const file = screenshotPath('status-running');
    await page.screenshot({ path: file, fullPage: true });
    expect(statSync(file).size).toBeGreaterThan(1000);
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
    await page.close();
  });

  it('tells the user what to do when opened without the token', async () => {
    const page = await browser.newPage();
    await page.goto(host.url.replace(/#.*/, ''));
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('No connection to the bot engine');
    await page.close();
  });
});
