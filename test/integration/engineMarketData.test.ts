import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/contract';
import { startEngineWebHost, type EngineWebHost } from '../support/startEngineWebHost';
import { untilTrue } from '../support/eventLoopTurns';
import { VirtualTime } from '../support/VirtualTime';

async function nextSnapshot(engine: EngineWebHost, accept: (s: Snapshot) => boolean): Promise<Snapshot> {
  const now = engine.service.snapshot();
  if (accept(now)) return now;
  return new Promise((resolve) => {
    const off = engine.service.on('snapshot', (snapshot) => {
      if (!accept(snapshot)) return;
      off();
      resolve(snapshot);
    });
  });
}

describe('engine market data through the real client and the simulator', () => {
  let engine: EngineWebHost;
  afterEach(() => engine?.close());

  it('with no keys: dry-run, live price, order book and API health in the snapshot', async () => {
    engine = await startEngineWebHost();
    const snapshot = await nextSnapshot(engine, (s) => s.market !== null && s.orderBook !== null);
    expect(snapshot.status).toMatchObject({ mode: 'dry-run', state: 'stopped' });
    expect(snapshot.market!.last).toMatch(/^\d+\.\d{4}$/);
    expect(snapshot.market!.stale).toBe(false);
    expect(snapshot.orderBook!.bids.length).toBeGreaterThan(0);
    expect(snapshot.apiHealth).toMatchObject({ breaker: 'closed', cache: 'memory' });
    expect(snapshot.apiHealth!.dataTypes.ticker!.upstreamCalls).toBeGreaterThan(0);
    const candles = await engine.service.handlers.getCandles({ timeframe: '1d', limit: 30 });
    expect(candles.candles).toHaveLength(30);
  });

  it('on MEXC push streams: the ticker and order book stay live with no REST polling of them', async () => {
    const time = new VirtualTime(Date.UTC(2026, 10, 25, 9));
    engine = await startEngineWebHost({ time, streams: true });
    await time.advance(1_000); // markets load over REST; the feeds subscribe
    await untilTrue(() => engine.sim.ws.subscriptions >= 3, 'ticker, deals and depth subscribed');
    await time.advance(60_000);
    const rest = (path: string) => engine.sim.requestLog.filter((r) => r.path === path).length;
    const [depthBefore, tickerBefore] = [rest('/api/v3/depth'), rest('/api/v3/ticker/24hr')];
    await time.advance(10 * 60_000);
    const snapshot = engine.service.snapshot();
    // REST polling would have asked 120 times for the book (5 s) and 20 for the ticker (30 s) in these 10 minutes.
    expect(rest('/api/v3/depth')).toBe(depthBefore);
    expect(rest('/api/v3/ticker/24hr') - tickerBefore).toBeLessThanOrEqual(1); // the 24 h statistics, every 15 min
    expect(snapshot.market).toMatchObject({ stale: false });
    expect(snapshot.market!.fetchedAt).toBeGreaterThan(time.now() - 10_000);
    expect(snapshot.orderBook!.bids.length).toBeGreaterThan(0);
    expect(snapshot.apiHealth!.dataTypes.orderBook!.hits).toBeGreaterThan(0);
  });

  it('marks data stale and opens the breaker during an outage, and raises an alert', async () => {
    const time = new VirtualTime(Date.UTC(2026, 10, 25, 9));
    engine = await startEngineWebHost({ time });
    await time.advance(1_000);
    expect(engine.service.snapshot().market).not.toBeNull();
    engine.sim.faults.inject({ kind: '5xx-before', times: Infinity });
    await time.advance(60_000); // caches expire, polls fail, retries fail
    const outage = engine.service.snapshot();
    expect(outage.apiHealth!.breaker).toBe('open');
    expect(outage.market!.stale).toBe(true);
    expect(outage.orderBook!.stale).toBe(true);
    expect(outage.alerts.find((a) => a.kind === 'breaker')).toMatchObject({ severity: 'warning' });
    expect(outage.apiHealth!.lastError).toContain('ExchangeNotAvailable');
    engine.sim.faults.clear();
    await time.advance(60_000); // half-open probe succeeds
    expect(engine.service.snapshot()).toMatchObject({ apiHealth: { breaker: 'closed' }, market: { stale: false } });
  });

  it('tests the connection with saved keys and says whether they can trade', async () => {
    engine = await startEngineWebHost();
    engine.sim.accounts.addApiKey({ apiKey: 'mx0vENGINEKEY0001', secret: 'engine-secret-0123456789abcdef', balances: { USDT: '100' } });
    expect(await engine.service.handlers.testConnection(undefined)).toMatchObject({ ok: false, message: 'No API keys saved yet.' });
    await engine.service.handlers.saveApiKeys({ apiKey: 'mx0vENGINEKEY0001', secret: 'engine-secret-0123456789abcdef' });
    expect(await engine.service.handlers.testConnection(undefined)).toMatchObject({ ok: true, canTrade: true });
    await engine.service.handlers.saveApiKeys({ apiKey: 'mx0vENGINEKEY0001', secret: 'wrong-secret-0000000000000000' });
    const refused = await engine.service.handlers.testConnection(undefined);
    expect(refused).toMatchObject({ ok: false, canTrade: false });
    expect(refused.message).toContain('700002');
    expect(refused.message).not.toContain('wrong-secret');
  });
});
