import { DESKTOP_VIEWPORT } from '../../support/chromiumSuite';
import { describe, expect, it } from 'vitest';
import { BotService } from '../../../main/core/bot/BotService';
import { engineInChromium } from '../../support/engineInChromium';
import { webHostInChromium } from '../../support/webHostInChromium';
import { MemorySecretStore } from '../../support/MemorySecretStore';
import { pageTraces } from '../../support/pageTraces';
import { missingChromiumReason } from '../../support/requiredTool';
import { screenshotPath } from '../../support/screenshotPath';
import { TRADING, TRADING_AND_WITHDRAW } from '../../mexc-sim/index';
import { WITHDRAW_PERMISSION_WARNING } from '../../../shared/withdrawPermissionWarning';
import { UNREACHABLE_EXCHANGE } from './engineScenarios';

const skipReason = missingChromiumReason();

const API_KEY = 'mx0vglE2Ekey7H3q9ZtW';
const SECRET = 'e2eSecret_9f8c7b6a5d4e3f2a1b0c';

describe.skipIf(skipReason !== null)('API keys are write-only (Chromium, web host, real engine)', () => {
  const secrets = new MemorySecretStore();
  const suite = webHostInChromium(() => new BotService({ secretStore: secrets, exchangeBaseUrl: UNREACHABLE_EXCHANGE, sleep: async () => undefined }));

  it('saves keys to the keychain and never lets the secret back into the page', async () => {
    const page = await suite.browser.newPage({ viewport: DESKTOP_VIEWPORT });
    const received: string[] = [];
    const sent: string[] = [];
    const consoleLines: string[] = [];
    page.on('console', (message) => consoleLines.push(message.text()));
    page.on('websocket', (socket) => {
      socket.on('framereceived', (frame) => received.push(String(frame.payload)));
      socket.on('framesent', (frame) => sent.push(String(frame.payload)));
    });
    await page.goto(suite.host.url);
    await page.getByRole('tab', { name: 'Settings' }).click();
    await expect.poll(() => page.getByTestId('key-status').textContent()).toContain('No keys saved');

    const secretInput = page.getByLabel('Secret');
    expect(await secretInput.getAttribute('type')).toBe('password');
    expect(await secretInput.getAttribute('autocomplete')).toBe('off');

    // A malformed secret is refused on the page with the contract's message, and nothing is sent.
    await page.getByRole('textbox', { name: 'API key', exact: true }).fill(API_KEY);
    await secretInput.fill('short');
    await page.getByRole('button', { name: 'Save keys' }).click();
    await expect.poll(() => page.getByText('secret looks too short').count()).toBe(1);
    expect(sent.some((frame) => frame.includes('saveApiKeys'))).toBe(false);

    await secretInput.fill(SECRET);
    await page.getByRole('button', { name: 'Save keys' }).click();
    await expect.poll(() => page.getByTestId('masked-key').textContent()).toMatch(/^mx0v.*…/);
    const masked = (await page.getByTestId('masked-key').textContent())!;
    expect(masked).not.toContain(API_KEY);
    expect(await secrets.load()).toEqual({ apiKey: API_KEY, secret: SECRET });

    // The form is emptied as soon as the keys are sent.
    expect(await page.getByLabel('Secret').inputValue()).toBe('');
    expect(await page.getByRole('textbox', { name: 'API key', exact: true }).inputValue()).toBe('');
    const file = screenshotPath('settings-keys-saved');
    await page.screenshot({ path: file, fullPage: true });

    // Reload: the page asks the engine again and still only ever sees the masked key.
    await page.reload();
    await page.getByRole('tab', { name: 'Settings' }).click();
    await expect.poll(() => page.getByTestId('masked-key').textContent()).toBe(masked);

    const traces = await pageTraces(page);
    expect(traces.includes(SECRET), 'secret found in the DOM, an input or storage').toBe(false);
    expect(traces.includes(API_KEY), 'full API key found in the DOM, an input or storage').toBe(false);
    expect(received.filter((frame) => frame.includes(SECRET))).toEqual([]);
    expect(received.filter((frame) => frame.includes(API_KEY))).toEqual([]);
    expect(consoleLines.filter((line) => line.includes(SECRET))).toEqual([]);
    // It travelled once, one way: renderer → engine, in the saveApiKeys request.
    const carrying = sent.filter((frame) => frame.includes(SECRET));
    expect(carrying).toHaveLength(1);
    expect(JSON.parse(carrying[0]!)).toMatchObject({ command: 'saveApiKeys' });
    await page.close();
  });

  it('deletes the keys only after a second, confirming press', async () => {
    await secrets.save({ apiKey: API_KEY, secret: SECRET });
    const { page } = await suite.open();
    await page.getByRole('tab', { name: 'Settings' }).click();
    await expect.poll(() => page.getByTestId('key-status').textContent()).toContain('Saved in the OS keychain');
    await page.getByRole('button', { name: 'Delete keys' }).click();
    expect(await secrets.load()).not.toBeNull();
    await page.getByRole('button', { name: 'Confirm: delete keys' }).click();
    await expect.poll(() => page.getByTestId('key-status').textContent()).toContain('No keys saved');
    expect(await secrets.load()).toBeNull();
    await page.close();
  });

  it('says what to do when the keychain is unavailable', async () => {
    secrets.unavailable = true;
    const { page } = await suite.open();
    await page.getByRole('tab', { name: 'Settings' }).click();
    await expect.poll(() => page.getByTestId('api-keys').getByRole('alert').textContent()).toContain('Secret Service');
    await page.close();
    secrets.unavailable = false;
  });
});

describe.skipIf(skipReason !== null)('a key that can withdraw gets a red warning (Chromium, real engine, simulator)', () => {
  const secrets = new MemorySecretStore();
  const engine = engineInChromium({ secretStore: secrets });

  async function testKeys(permissions: typeof TRADING, apiKey: string) {
    engine.sim.accounts.addApiKey({ apiKey, secret: SECRET, permissions, balances: { USDT: '100' } });
    await secrets.save({ apiKey, secret: SECRET });
    const { page } = await engine.open();
    await page.getByRole('tab', { name: 'Settings' }).click();
    await expect.poll(() => page.getByTestId('key-status').textContent()).toContain('Saved in the OS keychain');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => page.getByTestId('connection-result').textContent()).toContain('Connected');
    return page;
  }

  it('shows how to remove the permission and bind the key to an IP, in red, and raises a warning alert', async () => {
    const page = await testKeys(TRADING_AND_WITHDRAW, 'mx0vWITHDRAWKEY00001');
    const warning = page.getByTestId('withdraw-warning');
    await expect.poll(() => warning.textContent()).toContain(WITHDRAW_PERMISSION_WARNING);
    expect(await warning.getAttribute('role')).toBe('alert');
    expect(await warning.textContent()).toMatch(/untick the Withdraw permission/);
    expect(await warning.textContent()).toMatch(/bind the key to your IP address/);
    // Red: red dominates both the text and the box's background.
    const colours = await warning.evaluate((box) => [getComputedStyle(box).color, getComputedStyle(box).backgroundColor]);
    for (const colour of colours) {
      const [r, g, b] = colour.match(/\d+/g)!.map(Number);
      expect(r, colour).toBeGreaterThan(g!);
      expect(r, colour).toBeGreaterThan(b!);
    }
    const alerts = engine.service.snapshot().alerts;
    expect(alerts.filter((alert) => alert.severity === 'warning' && alert.message === WITHDRAW_PERMISSION_WARNING)).toHaveLength(1);
    await warning.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('settings-keys-can-withdraw'), fullPage: true });
    await page.close();
  });

  it('shows no warning for a key that can trade but not withdraw', async () => {
    const page = await testKeys(TRADING, 'mx0vTRADEONLYKEY0001');
    expect(await page.getByTestId('connection-result').textContent()).toContain('Trading permission: yes');
    expect(await page.getByTestId('withdraw-warning').count()).toBe(0);
    await page.close();
  });
});
