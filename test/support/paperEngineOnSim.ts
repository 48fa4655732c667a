import type { AlertInput } from '../../main/core/alerts/AlertCenter';
import { MemoryCache } from '../../main/core/cache/MemoryCache';
import { TradingEngine } from '../../main/core/bot/TradingEngine';
import { MexcClient } from '../../main/core/exchange/MexcClient';
import { createMexcExchange } from '../../main/core/exchange/SpotOnlyMexc';
import { Logger } from '../../main/core/logging/Logger';
import { marketInfoFromCcxt, type MarketInfo } from '../../main/core/trading/MarketInfo';
import { defaultSettings } from '../../shared/settings';

const clock = { now: () => Date.now() };

/** A client of the simulator's public endpoints (no keys), on the real clock. */
function simClient(simUrl: string): MexcClient {
  return new MexcClient({
    exchange: createMexcExchange({ baseUrl: simUrl, timeoutMs: 5_000 }),
    cache: new MemoryCache(clock),
    ttls: defaultSettings().cacheTtl,
    clock,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 20))),
  });
}

/** QRL/USDT as the simulator lists it: the market the engine trades (fees included). */
export async function simMarket(simUrl: string): Promise<MarketInfo> {
  const client = simClient(simUrl);
  try {
    return marketInfoFromCcxt((await client.market('QRL/USDT'))!);
  } finally {
    client.close();
  }
}

/**
 * The real TradingEngine in dry-run on a data folder, its market read from
 * the simulator at `simUrl` (public endpoints only, no keys), on the real
 * clock: the same in a child process that is killed -9 and in the test that
 * starts it again. Alerts go to `onAlert`.
 */
export async function openPaperEngine(simUrl: string, dataDir: string, onAlert: (alert: AlertInput) => void): Promise<{ engine: TradingEngine; close(): void }> {
  const client = simClient(simUrl);
  const settings = defaultSettings();
  const engine = new TradingEngine({
    dataDir,
    symbol: 'QRL/USDT',
    clock,
    logger: new Logger(clock),
    client: () => client,
    liveAccount: () => null,
    settings: () => settings,
    raiseAlert: onAlert,
    onChange: () => undefined,
  });
  await engine.open('dry-run');
  return { engine, close: () => client.close() };
}
