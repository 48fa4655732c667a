import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { BotService } from '../../main/core/bot/BotService';
import type { WebHost } from '../../main/web/WebHost';
import { launchChromium } from './launchChromium';
import { startTestWebHost } from './startTestWebHost';

export interface WebHostInChromium {
  host: WebHost;
  service: BotService;
  browser: Browser;
}

/**
 * The test web host (real engine) and a Chromium for one describe block:
 * started in its beforeAll, closed in its afterAll. Read the fields inside tests.
 */
export function webHostInChromium(createService?: () => BotService): WebHostInChromium {
  const suite = {} as WebHostInChromium;
  beforeAll(async () => {
    Object.assign(suite, await startTestWebHost(createService?.()));
    suite.browser = await launchChromium();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.host?.close();
  });
  return suite;
}
