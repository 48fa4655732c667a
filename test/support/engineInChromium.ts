import { chromiumSuite, type ChromiumSuite } from './chromiumSuite';
import { startEngineWebHost, type EngineWebHost } from './startEngineWebHost';

export type EngineInChromium = ChromiumSuite<EngineWebHost>;

/**
 * The real engine on the MEXC simulator behind the web host
 * (startEngineWebHost), and a Chromium, for one describe block: started in
 * its beforeAll, closed in its afterAll. Read the fields inside tests.
 */
export function engineInChromium(options?: Parameters<typeof startEngineWebHost>[0]): EngineInChromium {
  return chromiumSuite(
    () => startEngineWebHost(options),
    (suite) => suite.close(),
  );
}
