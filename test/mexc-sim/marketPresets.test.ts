import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createMexcExchange } from '../../main/core/exchange/SpotOnlyMexc';
import { startMexcSim, type MexcSim } from './index';
import { DAY, MINUTE } from './PricePath';
import type { PresetName } from './presets';

// Issue #15: presets chosen from tests (startMexcSim) and `npm run sim -- --preset`.
const START = Date.UTC(2026, 10, 25, 1);
const KEYS = { apiKey: 'mx0vPRESETKEY0001', secret: 'presetsecret000000000000000000001' };

describe('market presets', () => {
  const sims: MexcSim[] = [];
  afterEach(async () => {
    await Promise.all(sims.splice(0).map((sim) => sim.close()));
  });
  const start = async (preset: PresetName) => {
    const sim = await startMexcSim({ startTime: START, preset, enforceRateLimit: false });
    sims.push(sim);
    return sim;
  };
  const get = async <T>(sim: MexcSim, path: string) => {
    const response = await fetch(`${sim.url}${path}`);
    return { status: response.status, body: (await response.json()) as T };
  };

  it('crash: the start day closes 40 % below its open, most of it after the start', async () => {
    const sim = await start('crash');
    const path = sim.state.paths.get('QRLUSDT')!;
    const dayStart = Date.UTC(2026, 10, 25);
    const day = path.kline(dayStart, DAY, dayStart + DAY);
    expect(day.close / day.open - 1).toBeCloseTo(-0.4, 2);
    const atStart = path.priceAt(START);
    const dayLater = path.priceAt(START + DAY);
    console.log(`crash: ${day.open} → ${day.close} on the day; ${atStart} at the start → ${dayLater} a day later`);
    expect(dayLater / atStart - 1).toBeLessThan(-0.3);
    // The history before the start is the default market's.
    const normal = await start('normal');
    const before = Date.UTC(2026, 10, 20);
    expect(path.kline(before, DAY, START)).toEqual(normal.state.paths.get('QRLUSDT')!.kline(before, DAY, START));
  });

  it('thin: far less depth, fewer levels and a wider spread than the normal book at the same times', async () => {
    const thin = await start('thin');
    const normal = await start('normal');
    const measure = async (sim: MexcSim) => {
      const spreads: number[] = [];
      const depths: number[] = [];
      const levels: number[] = [];
      for (let i = 0; i < 12; i++) {
        const { body } = await get<{ bids: string[][]; asks: string[][] }>(sim, '/api/v3/depth?symbol=QRLUSDT&limit=5000');
        spreads.push(Number(body.asks[0]![0]) / Number(body.bids[0]![0]) - 1);
        depths.push(body.bids.slice(0, 10).reduce((sum, [, q]) => sum + Number(q), 0));
        levels.push(body.bids.length);
        sim.clock.advance(5 * MINUTE);
      }
      const avg = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
      return { spread: avg(spreads), depth: avg(depths), levels: avg(levels) };
    };
    const [t, n] = [await measure(thin), await measure(normal)];
    console.log(`thin: spread ${(t.spread * 1e4).toFixed(0)} bp, top-10 depth ${t.depth.toFixed(0)}, ${t.levels.toFixed(0)} levels; normal: ${(n.spread * 1e4).toFixed(0)} bp, ${n.depth.toFixed(0)}, ${n.levels.toFixed(0)} levels`);
    expect(t.depth).toBeLessThan(n.depth * 0.3);
    expect(t.spread).toBeGreaterThan(n.spread * 2);
    expect(t.levels).toBeLessThan(n.levels * 0.5);
  });

  /** How the WebSocket answers a new connection: 'open', or the HTTP status it was refused with. */
  const webSocketAnswer = (sim: MexcSim) =>
    new Promise<string>((resolve) => {
      const socket = new WebSocket(sim.ws.url);
      socket.once('open', () => (socket.close(), resolve('open')));
      socket.once('unexpected-response', (_request, response) => resolve(String(response.statusCode)));
      socket.once('error', () => undefined);
    });

  it("maintenance: every REST answer is MEXC's maintenance error (ccxt: OnMaintenance) and the WebSocket refuses, until the fault is cleared", async () => {
    const sim = await start('maintenance');
    const { status, body } = await get<{ code: number; msg: string }>(sim, '/api/v3/ticker/price?symbol=QRLUSDT');
    expect(status).toBe(503);
    expect(body.msg).toMatch(/maintenance/i);
    const exchange = createMexcExchange({ baseUrl: sim.url, clock: sim.clock, timeoutMs: 5_000, ...KEYS });
    await expect(exchange.fetchTime()).rejects.toMatchObject({ name: 'OnMaintenance' });
    expect(await webSocketAnswer(sim)).toBe('503'); // the streams are down too
    await fetch(sim.adminUrl, { method: 'DELETE' });
    expect((await get(sim, '/api/v3/ticker/price?symbol=QRLUSDT')).status).toBe(200);
    expect(await webSocketAnswer(sim)).toBe('open');
  });

  it('the same seed and preset give the same market; another seed another', async () => {
    const a = await start('quiet');
    const b = await start('quiet');
    const other = await startMexcSim({ startTime: START, preset: 'quiet', seed: 7, enforceRateLimit: false });
    sims.push(other);
    const tape = async (sim: MexcSim) => (await get<unknown[]>(sim, '/api/v3/trades?symbol=QRLUSDT&limit=200')).body;
    expect(await tape(a)).toEqual(await tape(b));
    expect(await tape(other)).not.toEqual(await tape(a));
  });
});
