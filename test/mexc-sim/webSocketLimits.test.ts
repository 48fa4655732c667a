import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMexcSim, type MexcSim } from './index';
import { WS_LIMITS } from './wsServer';
import { ccxtPro, KEYS, rawSocket } from './wsTestClients';

const START = Date.UTC(2026, 10, 25, 1, 0, 0);
const BOOK_TICKER = 'spot@public.aggre.bookTicker.v3.api.pb@100ms@QRLUSDT';

describe("the simulator enforces MEXC's WebSocket connection rules on its clock", () => {
  let sim: MexcSim;
  beforeEach(async () => {
    sim = await startMexcSim({ startTime: START });
    sim.accounts.addApiKey({ ...KEYS, balances: { USDT: '1000' } });
  });
  afterEach(() => sim.close());

  /** A quiet subscription: the account channel pushes nothing while no balance moves. */
  async function quietConnection() {
    const { listenKey } = (await (await ccxtPro(sim, KEYS)).spotPrivatePostUserDataStream()) as { listenKey: string };
    const connection = await rawSocket(`${sim.ws.url}?listenKey=${listenKey}`);
    connection.send({ method: 'SUBSCRIPTION', params: ['spot@private.account.v3.api.pb'] });
    await connection.next(connection.texts, 1);
    return connection;
  }

  it('closes a subscribed connection with no traffic for 60 s; a PING within them keeps it', async () => {
    const { send, next, texts, closed } = await quietConnection();
    sim.clock.advance(WS_LIMITS.idleMs - 10_000);
    send({ method: 'PING' });
    await next(texts, 2);
    sim.clock.advance(20_000); // 70 s since subscribing, 20 s since the PING
    send({ method: 'PING' });
    await next(texts, 3);
    expect(sim.ws.connections).toBe(1);
    sim.clock.advance(WS_LIMITS.idleMs + 1);
    expect(await closed).toMatchObject({ reason: 'idle' });
    expect(sim.ws.closedByRule).toEqual({ idle: 1 });
  });

  it('keeps a connection whose channel pushes, with no PING; closes one that never subscribed after 30 s, pings or not', async () => {
    const pushing = await rawSocket(sim.ws.url);
    pushing.send({ method: 'SUBSCRIPTION', params: [BOOK_TICKER] });
    await pushing.next(pushing.pushes, 1);
    const unsubscribed = await rawSocket(sim.ws.url);
    sim.clock.advance(20_000);
    unsubscribed.send({ method: 'PING' });
    await unsubscribed.next(unsubscribed.texts, 1);
    sim.clock.advance(20_000); // 40 s without a subscription, 20 s since the PING
    expect(await unsubscribed.closed).toMatchObject({ reason: 'unsubscribed' });
    for (let minute = 1; minute <= 3; minute++) {
      sim.clock.advance(60_000); // the price moves every minute: a push each time
      await pushing.next(pushing.pushes, 1 + minute);
    }
    expect(pushing.socket.readyState).toBe(pushing.socket.OPEN);
    pushing.socket.close();
  });

  it('closes every connection 24 h after it opened, however busy', async () => {
    const { send, next, pushes, closed } = await rawSocket(sim.ws.url);
    send({ method: 'SUBSCRIPTION', params: [BOOK_TICKER] });
    await next(pushes, 1);
    for (let hour = 1; hour < 24; hour++) {
      sim.clock.advance(3_600_000);
      await next(pushes, 1 + hour);
    }
    expect(sim.ws.connections).toBe(1);
    sim.clock.advance(3_600_000);
    expect(await closed).toMatchObject({ reason: '24 h' });
  });

  it('drops a client that sends more than 100 messages within a second, not one that sends 100 a second', async () => {
    const steady = await rawSocket(sim.ws.url);
    for (let i = 0; i < WS_LIMITS.messagesPerSecond; i++) steady.send({ method: 'PING' });
    await steady.next(steady.texts, WS_LIMITS.messagesPerSecond);
    sim.clock.advance(1_000);
    for (let i = 0; i < WS_LIMITS.messagesPerSecond; i++) steady.send({ method: 'PING' });
    await steady.next(steady.texts, 2 * WS_LIMITS.messagesPerSecond);
    const flooding = await rawSocket(sim.ws.url);
    for (let i = 0; i <= WS_LIMITS.messagesPerSecond; i++) flooding.send({ method: 'PING' });
    expect(await flooding.closed).toMatchObject({ reason: 'message rate' });
    expect(flooding.texts).toHaveLength(WS_LIMITS.messagesPerSecond);
    expect(steady.socket.readyState).toBe(steady.socket.OPEN);
    steady.socket.close();
  });

  it('closes a user-data connection once its listenKey expires unrenewed', async () => {
    const { send, next, texts, closed } = await quietConnection();
    for (let minutes = 0.5; minutes < 60; minutes += 0.5) {
      sim.clock.advance(30_000);
      send({ method: 'PING' });
      await next(texts, 1 + minutes * 2);
    }
    sim.clock.advance(30_001);
    expect(await closed).toMatchObject({ reason: 'listenKey expired' });
  });
});
