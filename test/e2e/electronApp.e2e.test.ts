import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';

/**
 * The real desktop app, driven by Playwright. Electron's binary is downloaded
 * lazily on first use; where it was never fetched (this build machine has no
 * route to its download host) the test skips and says so, instead of
 * triggering a download from inside a test.
 */
function electronBinary(): string | null {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const binary = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
    return existsSync(binary) ? binary : null;
  }
  const pathFile = path.resolve('node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.resolve('node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
if (!binary) {
  console.warn('skipping the Electron smoke test: the Electron binary is not installed (install without ELECTRON_SKIP_BINARY_DOWNLOAD, or set ELECTRON_OVERRIDE_DIST_PATH)');
}

describe.skipIf(!binary)('desktop app (Electron binary)', () => {
  it('opens the window with window.api and the bot status, without Node in the page', async () => {
    const app = await electron.launch({ executablePath: binary!, args: ['.'] });
    try {
      const page = await app.firstWindow();
      await expect.poll(() => page.getByTestId('bot-state').textContent()).toBe('Stopped');
      expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => Object.keys((window as unknown as { api: object }).api).includes('getSnapshot'))).toBe(true);
    } finally {
      await app.close();
    }
  });
});
