import { EventEmitter } from 'node:events';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventName, EventPayload, Snapshot } from '../../shared/contract';
import { BotService } from '../../main/core/bot/BotService';
import { startWebHost, type ContractProvider } from '../../main/web/WebHost';
import { ContractSocket } from '../support/contractSocket';
import { MemorySecretStore } from '../support/MemorySecretStore';
import { sampleMarket, sampleSnapshot } from '../support/sampleSnapshot';
import { BUILT_RENDERER } from '../support/startTestWebHost';

const SECONDS = Number(process.env.LOAD_TEST_SECONDS ?? 60);
const CLIENTS = 20;

/** A full-size snapshot: a 50-level book, 50 alerts, 20 fills. */
function heavySnapshot(version: number): Snapshot {
  const level = (i: number): [string, string] => [(0.4 + i / 10_000).toFixed(4), (1000 + i).toFixed(2)];
  return sampleSnapshot({
    version,
    market: sampleMarket('0.4123'),
    orderBook: { bids: Array.from({ length: 50 }, (_, i) => level(-i)), asks: Array.from({ length: 50 }, (_, i) => level(i + 1)), fetchedAt: version, stale: false },
    alerts: Array.from({ length: 50 }, (_, i) => ({ id: `a${i}`, time: i, severity: 'info' as const, kind: 'signal', message: `Alert number ${i} with a sentence of text` })),
    recentFills: Array.from({ length: 20 }, (_, i) => ({ id: `f${i}`, orderId: `o${i}`, side: 'buy' as const, price: '0.4100', amount: '120.50', cost: '49.4050', fee: '0.0247', feeAsset: 'USDT', time: i, paper: true })),
  });
}

/** The real engine's commands, with snapshots pushed as fast as the event loop allows. */
class FirehoseProvider implements ContractProvider {
  private readonly emitter = new EventEmitter();
  readonly handlers = new BotService({ secretStore: new MemorySecretStore() }).handlers;
  published = 0;
  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void) {
    this.emitter.on(event, listener);
    return () => void this.emitter.off(event, listener);
  }
  run(untilMs: number): Promise<void> {
    return new Promise((resolve) => {
      const tick = () => {
        if (Date.now() >= untilMs) return resolve();
        this.emitter.emit('snapshot', heavySnapshot(++this.published));
        setImmediate(tick);
      };
      tick();
    });
  }
}

describe('web host under load', () => {
  it(`serves ${CLIENTS} clients a snapshot firehose for ${SECONDS} s, answering commands and bounded in memory`, async () => {
    const provider = new FirehoseProvider();
    const host = await startWebHost({ service: provider, staticDir: path.resolve(BUILT_RENDERER) });
    // Clients count what they receive and keep nothing, so the heap measured is the host's.
    const clients = await Promise.all(Array.from({ length: CLIENTS }, () => ContractSocket.open(host.port, host.token, {}, { keepEvents: false })));
    // One client stops reading altogether, like a frozen tab.
    const stuck = clients[0]!;
    stuck.ws.pause();
    const received = new Array<number>(CLIENTS).fill(0);
    clients.forEach((client, index) => client.ws.on('message', () => received[index]!++));

    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const end = Date.now() + SECONDS * 1000;
    const firehose = provider.run(end);

    const roundTrips: number[] = [];
    let heapPeak = heapBefore;
    for (let id = 1; Date.now() < end; id++) {
      const client = clients[1 + (id % (CLIENTS - 1))]!;
      const sent = Date.now();
      const reply = await client.request(JSON.stringify({ id, command: 'getSnapshot' }), id);
      roundTrips.push(Date.now() - sent);
      expect(reply).toMatchObject({ kind: 'result', result: { ok: true } });
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await firehose;

    roundTrips.sort((a, b) => a - b);
    const p99 = roundTrips[Math.floor(roundTrips.length * 0.99)]!;
    const growthMb = (heapPeak - heapBefore) / 2 ** 20;
    console.log(
      `load: ${CLIENTS} clients, ${provider.published} snapshots published in ${SECONDS} s, ` +
        `${roundTrips.length} commands answered, round trip p50 ${roundTrips[Math.floor(roundTrips.length / 2)]} ms p99 ${p99} ms, ` +
        `heap growth ${growthMb.toFixed(1)} MB, least-served reading client got ${Math.min(...received.slice(1))} frames`,
    );
    // Every reading client kept receiving; commands kept being answered (the bound is generous: it
    // catches a host that stalls, not one that is merely busy); memory did not grow with the backlog.
    expect(Math.min(...received.slice(1))).toBeGreaterThan(100);
    expect(roundTrips.length).toBeGreaterThan(SECONDS * 2);
    expect(p99).toBeLessThan(2_000);
    expect(growthMb).toBeLessThan(200);
    clients.forEach((client) => client.close());
    await host.close();
  });
});
