import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DESKTOP_VIEWPORT } from '../../support/chromiumSuite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS_FILE } from '../../../main/core/settings/SettingsStore';
import { engineInChromium } from '../../support/engineInChromium';
import { MemorySecretEntry } from '../../support/MemorySecretEntry';
import { pageTraces } from '../../support/pageTraces';
import { missingRedisServerReason, startRedisServer } from '../../support/redisServer';
import { missingChromiumReason } from '../../support/requiredTool';
import { screenshotPath } from '../../support/screenshotPath';

const skipReason =
  missingChromiumReason() ??
  missingRedisServerReason();

const PASSWORD = 'e2e-redis-Pw#7731';

describe.skipIf(skipReason !== null)('the Redis password is write-only (Chromium, real engine, redis-server with requirepass)', () => {
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  const keychain = new MemorySecretEntry();
  // Hooks run as a stack: redis-server starts before the engine and stops after it.
  beforeAll(async () => {
    redis = await startRedisServer({ password: PASSWORD });
  });
  afterAll(async () => {
    await redis?.stop();
  });
  const engine = engineInChromium({ redisPassword: keychain });

  it('sends a new password to the keychain once, shows the URL masked, and never echoes the password', { timeout: 60_000 }, async () => {
    const page = await engine.browser.newPage({ viewport: DESKTOP_VIEWPORT });
    const received: string[] = [];
    const sent: string[] = [];
    page.on('websocket', (socket) => {
      socket.on('framereceived', (frame) => received.push(String(frame.payload)));
      socket.on('framesent', (frame) => sent.push(String(frame.payload)));
    });
    await page.goto(engine.host.url);
    await page.getByRole('tab', { name: 'Settings' }).click();
    const section = page.getByTestId('settings-connection');

    await section.getByRole('textbox', { name: 'Redis URL' }).fill(redis.url);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => section.getByTestId('redis-url-masked').textContent()).toBe(redis.url);

    const passwordInput = section.getByLabel('Redis password');
    expect(await passwordInput.getAttribute('type')).toBe('password');
    await passwordInput.fill(PASSWORD);
    await section.getByRole('button', { name: 'Save password' }).click();
    await expect.poll(() => section.getByTestId('redis-url-masked').textContent()).toBe(`redis://:•••@127.0.0.1:${redis.port}`);
    expect(await passwordInput.inputValue()).toBe('');
    expect(keychain.value).toBe(PASSWORD);
    // The engine reached the password-protected server with the keychain's password, and the page says so.
    await expect.poll(() => engine.service.snapshot().apiHealth?.cache, { timeout: 10_000 }).toBe('redis');
    await expect.poll(() => section.textContent(), { timeout: 15_000 }).toContain('Redis is connected now.');
    expect(await passwordInput.getAttribute('placeholder')).toMatch(/^Stored/);
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('settings-redis-password-stored'), fullPage: true });

    // Reload: the page asks the engine again and still only ever sees the mask.
    await page.reload();
    await page.getByRole('tab', { name: 'Settings' }).click();
    await expect.poll(() => page.getByTestId('redis-url-masked').textContent()).toBe(`redis://:•••@127.0.0.1:${redis.port}`);
    expect(await pageTraces(page)).not.toContain(PASSWORD);
    expect(received.filter((frame) => frame.includes(PASSWORD))).toEqual([]);
    expect(readFileSync(path.join(engine.dataDir, SETTINGS_FILE), 'utf8')).not.toContain(PASSWORD);
    // It travelled once, one way: renderer → engine, in the setSettings request.
    const carrying = sent.filter((frame) => frame.includes(encodeURIComponent(PASSWORD)));
    expect(carrying).toHaveLength(1);
    expect(JSON.parse(carrying[0]!)).toMatchObject({ command: 'setSettings' });
    await page.close();
  });

  it('removes the stored password on request', async () => {
    const { page } = await engine.open();
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Remove password' }).click();
    await expect.poll(() => page.getByTestId('redis-url-masked').textContent()).toBe(redis.url);
    expect(keychain.value).toBeNull();
    expect(engine.service.settings.redisPasswordStored).toBe(false);
    await page.close();
  });
});
