import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MexcClient } from '../../../main/core/exchange/MexcClient';
import { LISTEN_KEY_RENEW_MS } from '../../../main/core/exchange/streams/MexcStreams';
import { startMexcSim, type MexcSim } from '../../mexc-sim/index';
import { untilTrue } from '../../support/eventLoopTurns';
import { VirtualTime } from '../../support/VirtualTime';
import { clientOnSim, TEST_KEYS as keys, upstream } from './clientOnSim';

const START = Date.UTC(2026, 10, 25, 1, 0, 0);
const HOUR = 3_600_000;

/**
 * The client's streams on the same virtual clock as the simulator, timers
 * included: its pings, reconnects and listenKey renewals meet the
 * simulator's connection rules (60 s idle, 24 h, listenKey expiry) as they
 * would meet MEXC's over a real day.
 */
describe("MexcClient's streams stay up under MEXC's connection rules", () => {
  let sim: MexcSim;
  let time: VirtualTime;
  let client: MexcClient;
  beforeEach(async () => {
    time = new VirtualTime(START);
    sim = await startMexcSim({ startTime: START });
    time.onTick((now) => sim.clock.set(now));
    sim.accounts.addApiKey({ ...keys, balances: { USDT: '1000', QRL: '100' } });
    ({ client } = clientOnSim(sim, { streams: { timers: time }, sleep: (ms) => time.sleep(ms) }));
    await client.loadMarkets();
    await client.fetchTicker('QRL/USDT');
    await client.fetchBalance();
    await untilTrue(() => client.streams!.accountLive && client.streams!.bookTicker('QRLUSDT') !== null, 'market and account streams live');
  });
  afterEach(async () => {
    client.close();
    await sim.close();
  });

  it('pings often enough that neither connection is closed idle, and renews the listenKey every 50 minutes', async () => {
    await time.advance(3 * HOUR);
    expect(sim.ws.closedByRule).toEqual({});
    expect(client.streams!.reconnects).toBe(0);
    expect(upstream(sim, '/api/v3/userDataStream', 'POST')).toBe(1);
    expect(upstream(sim, '/api/v3/userDataStream', 'PUT')).toBe(Math.floor((3 * HOUR) / LISTEN_KEY_RENEW_MS));
    expect(client.streams!.accountLive).toBe(true);
  });

  it('retries a failed renewal every minute, before the key lapses', async () => {
    sim.faults.inject({ kind: '5xx-before', path: '/api/v3/userDataStream', method: 'PUT', times: 4 }); // the renewal and its retries
    await time.advance(LISTEN_KEY_RENEW_MS + 5 * 60_000);
    expect(sim.ws.closedByRule).toEqual({});
    const puts = sim.requestLog.filter((r) => r.path === '/api/v3/userDataStream' && r.method === 'PUT');
    expect(puts.filter((r) => r.status === 200)).toHaveLength(1);
    expect(puts.at(-1)!.time).toBeLessThan(START + LISTEN_KEY_RENEW_MS + 5 * 60_000);
    await time.advance(HOUR);
    expect(sim.ws.closedByRule).toEqual({}); // the renewed key still lives
  });

  it('reconnects and resubscribes after the 24 h cut, with a new listenKey', async () => {
    await time.advance(24 * HOUR + 5_000);
    expect(sim.ws.closedByRule).toEqual({ '24 h': 2 });
    await untilTrue(() => client.streams!.accountLive && client.streams!.bookTicker('QRLUSDT') !== null, 'both streams live again');
    expect(upstream(sim, '/api/v3/userDataStream', 'POST')).toBe(2);
    const [tickerReads, klineReads] = [upstream(sim, '/api/v3/ticker/24hr'), upstream(sim, '/api/v3/klines')];
    const ticker = await client.fetchTicker('QRL/USDT');
    // Held candles died with the old connection: one REST seed of the 24 h window, no ticker poll.
    expect([upstream(sim, '/api/v3/ticker/24hr'), upstream(sim, '/api/v3/klines')]).toEqual([tickerReads, klineReads + 1]);
    expect(ticker.high).toBeGreaterThanOrEqual(ticker.low!);
  });
});
