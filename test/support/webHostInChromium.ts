import type { BotService } from '../../main/core/bot/BotService';
import type { WebHost } from '../../main/web/WebHost';
import { chromiumSuite, type ChromiumSuite } from './chromiumSuite';
import { startTestWebHost } from './startTestWebHost';

export type WebHostInChromium = ChromiumSuite<{ host: WebHost; service: BotService }>;

/**
 * The test web host (real engine) and a Chromium for one describe block:
 * started in its beforeAll, closed in its afterAll. Read the fields inside tests.
 */
export function webHostInChromium(createService?: () => BotService): WebHostInChromium {
  return chromiumSuite(
    () => startTestWebHost(createService?.()),
    (suite) => suite.host.close(),
  );
}
