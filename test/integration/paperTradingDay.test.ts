import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/contract';
import { startEngineWebHost, type EngineWebHost } from '../support/startEngineWebHost';
import { VirtualTime } from '../support/VirtualTime';

const HOUR = 3_600_000;

describe('paper trading on a virtual clock against the simulator', () => {
  let engine: EngineWebHost;
  afterEach(() => engine?.close());

  it('runs daily at 09:00, places journaled paper buys, fills them from the market, and alerts on each fill', { timeout: 120_000 }, async () => {
    const time = new VirtualTime(new Date(2026, 10, 20, 8, 0).getTime());
    engine = await startEngineWebHost({ time });
    const { service } = engine;
    const alerts: Alert[] = [];
    service.on('alert', (alert) => alerts.push(alert));
    // No snapshot ever shows a fill before its alert: paper-fill passes ran side by side once, and one's refresh showed the other's fills unannounced.
    const shownFillIds = new Set<string>();
    const unannounced: string[] = [];
    service.on('snapshot', (snapshot) => {
      snapshot.recentFills.forEach((fill) => shownFillIds.add(fill.id));
      const announced = alerts.filter((a) => a.kind === 'fill').length;
      if (announced < shownFillIds.size) unannounced.push(`${shownFillIds.size} fills shown, ${announced} alerted`);
    });
    await time.advance(1_000);
    await service.handlers.setSettings({ ...service.settings, strategy: { ...service.settings.strategy, buyThreshold: 1.2 } });
    expect(service.snapshot().balances).toMatchObject({ source: 'paper', assets: expect.arrayContaining([expect.objectContaining({ asset: 'USDT', free: '1000' })]) });

    await service.handlers.startBot(undefined);
    expect(service.snapshot().nextRunAt).toBe(new Date(2026, 10, 20, 9, 0).getTime());
    await time.advance(25 * HOUR); // from 08:00 through the next day's 09:00 run
    // Whether the day's own path reached the buys is the market's chance: a dip through them makes sure they fill,
    // trade by trade from the tape (PaperBroker), and lasts until they have.
    const qrl = engine.sim.state.paths.get('QRLUSDT')!;
    const restingBuys = () => service.snapshot().openOrders.filter((order) => order.side === 'buy');
    const lowest = Math.min(...restingBuys().map((order) => Number(order.price)));
    if (restingBuys().length > 0) qrl.force(lowest * 0.99, time.now());
    for (let minute = 0; minute < 60 && restingBuys().length > 0; minute++) await time.advance(60_000);
    qrl.force(null, time.now());

    const snapshot = service.snapshot();
    expect(snapshot.lastDecision?.reason).toMatch(/daily run|daily candle closed/);
    const journal = readFileSync(path.join(engine.dataDir, 'journal.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line).data);
    const intents = journal.filter((r) => r.kind === 'intent');
    const history = await service.handlers.getTradeHistory(undefined);
    console.log(`paper day: ${intents.length} intents, ${history.fills.length} fills, decision: ${snapshot.lastDecision?.reason}`);
    expect(intents.length).toBeGreaterThan(0);
    expect(history.fills.length).toBeGreaterThan(0);
    expect(restingBuys()).toEqual([]);
    // Every intent has a distinct client id, and every order the broker knows came from the journal.
    expect(new Set(intents.map((r) => r.clientOrderId)).size).toBe(intents.length);
    for (const fill of history.fills) expect(fill.paper).toBe(true);
    expect(alerts.filter((a) => a.kind === 'fill')).toHaveLength(history.fills.length);
    expect(unannounced).toEqual([]);
    const usdt = snapshot.balances!.assets.find((a) => a.asset === 'USDT')!;
    expect(Number(usdt.free) + Number(usdt.locked)).toBeLessThanOrEqual(1000);
  });
});
