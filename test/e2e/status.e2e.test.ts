import { describe, expect, it } from 'vitest';
import { webHostInChromium } from '../support/webHostInChromium';
import { missingChromiumReason } from '../support/requiredTool';
import { expectScreenshot } from '../support/expectScreenshot';

const skipReason = missingChromiumReason();

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

    await expectScreenshot(page, 'status-running');
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
