import { statSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshotPath } from './screenshotPath';

/** Saves the whole page as test-results/screenshots/<name>.png and checks a picture was drawn (not a blank few bytes). */
export async function expectScreenshot(page: Page, name: string): Promise<void> {
  const file = screenshotPath(name);
  await page.screenshot({ path: file, fullPage: true });
  expect(statSync(file).size).toBeGreaterThan(1000);
}
