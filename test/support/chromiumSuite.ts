import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchChromium } from './launchChromium';

/** The window every end-to-end page opens in, unless a test asks for another: a laptop screen. */
export const DESKTOP_VIEWPORT = { width: 1440, height: 900 };

export interface OpenPageOptions {
  colorScheme?: BrowserContextOptions['colorScheme'];
  reducedMotion?: BrowserContextOptions['reducedMotion'];
  /** DESKTOP_VIEWPORT unless given */
  viewport?: { width: number; height: number };
  /** another host's page (an engine the test started itself); the suite's host otherwise */
  url?: string;
}

export interface OpenedPage {
  page: Page;
  /** what the page logged as an error or threw, for `expect(errors).toEqual([])` */
  errors: string[];
}

export type ChromiumSuite<T> = T & {
  browser: Browser;
  /** A new page on the renderer, once it says Connected to the engine. */
  open(options?: OpenPageOptions): Promise<OpenedPage>;
};

/**
 * Something serving the renderer (`start`) and a Chromium for one describe
 * block: started in its beforeAll, closed in its afterAll (browser first).
 * Read the fields inside tests; `stop` gets the suite as it is then, so a
 * test may swap the host for a restarted one.
 */
export function chromiumSuite<T extends { host: { url: string } }>(start: () => Promise<T>, stop: (suite: T) => Promise<void>): ChromiumSuite<T> {
  const suite = {
    open: (options: OpenPageOptions = {}) => openConnectedPage(suite.browser, options.url ?? suite.host.url, options),
  } as ChromiumSuite<T>;
  let started = false;
  beforeAll(async () => {
    Object.assign(suite, await start());
    started = true;
    suite.browser = await launchChromium();
  });
  afterAll(async () => {
    await suite.browser?.close();
    if (started) await stop(suite);
  });
  return suite;
}

async function openConnectedPage(browser: Browser, url: string, options: OpenPageOptions): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport: options.viewport ?? DESKTOP_VIEWPORT, colorScheme: options.colorScheme, reducedMotion: options.reducedMotion });
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await expect.poll(() => page.getByTestId('connection').textContent()).toBe('Connected');
  return { page, errors };
}
