import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { webHostInChromium } from '../support/webHostInChromium';
import { CHROMIUM_PATH, isExecutable, missingToolReason } from '../support/requiredTool';
import { screenshotPath } from '../support/screenshotPath';

const skipReason = missingToolReason('Chromium', isExecutable(CHROMIUM_PATH), 'apt-get install chromium, or set CHROMIUM_PATH');

describe.skipIf(skipReason !== null)('dashboard in Chromium through the web host', () => {
  const suite = webHostInChromium();

  it('shows the status BotService reports, and drives it with the buttons', async () => {
    const page = await suite.browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
    await page.goto(suite.host.url);

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
    const page = await suite.browser.newPage();
    await page.goto(suite.host.url.replace(/#.*/, ''));
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('No connection to the bot engine');
    await page.close();
  });
});
