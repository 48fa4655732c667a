import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { encodePush } from '../../main/core/exchange/streams/mexcPushProto';
import type { Account } from './Accounts';
import type { SimState } from './SimState';
import { framesFor, parseChannel, subscribe, type Subscription } from './wsChannels';

/** MEXC ignores subscriptions beyond 30 per connection (MEXC's Spot v3 docs, WebSocket). */
const MAX_SUBSCRIPTIONS = 30;
/** Standalone (real clock) runs push on this beat; a virtual clock pushes on each move. */
const REAL_CLOCK_PUSH_MS = 500;
/**
 * MEXC's connection rules (MEXC's Spot v3 docs, WebSocket), on the
 * simulator's clock so a virtual day meets them as a real one would: no
 * valid subscription for 30 s, or a subscription with no traffic (no push
 * out, no message in: a PING keeps it) for 60 s, closes the connection; none
 * lives past 24 h; more than 100 messages from the client within one second
 * drops it.
 */
export const WS_LIMITS = { unsubscribedMs: 30_000, idleMs: 60_000, lifetimeMs: 24 * 3_600_000, messagesPerSecond: 100 } as const;

interface Connection {
  socket: WebSocket;
  account: Account | null;
  listenKey: string | null;
  subscriptions: Map<string, Subscription>;
  openedAt: number;
  /** the last message in or push out (sim clock) */
  lastTraffic: number;
  /** since when the connection has held no subscription (pings do not count), or null while it holds one */
  unsubscribedSince: number | null;
  /** when the client's messages arrived in the last second (sim clock) */
  recentMessages: number[];
}

export interface SimWebSocket {
  /** the market WebSocket base, e.g. ws://127.0.0.1:PORT/ws */
  url: string;
  /** open connections (tests: a reconnect happened) */
  readonly connections: number;
  /** cut every connection without a close handshake, as a network drop does */
  dropAll(): void;
  /** refuse new connections (an outage) until set back to false */
  refuse: boolean;
  /** live subscriptions over every connection (tests: wait until a client has subscribed) */
  readonly subscriptions: number;
  /** binary pushes sent so far */
  readonly pushes: number;
  /** connections the simulator closed under MEXC's rules, by reason (idle, unsubscribed, 24 h, message rate, listenKey expired) */
  readonly closedByRule: Record<string, number>;
  close(): Promise<void>;
}

/**
 * MEXC's Spot WebSocket (MEXC's Spot v3 docs, WebSocket): JSON control frames
 * (SUBSCRIPTION, UNSUBSCRIPTION, PING), binary protobuf pushes of the
 * book ticker, aggregated deals, limit depth, diff depth, klines and, on a
 * `?listenKey=` connection, the private account, orders and deals channels
 * (wsChannels.ts). Pushes follow the simulator's clock and carry only what
 * changed since the last push; the connection rules are WS_LIMITS.
 */
export function attachWebSocket(server: Server, sim: SimState, baseUrl: string): SimWebSocket {
  const wss = new WebSocketServer({ noServer: true });
  const connections = new Set<Connection>();
  let pushes = 0;
  const closedByRule: Record<string, number> = {};

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    // `face` is the object returned below: the test flips its `refuse`. MEXC's maintenance takes the streams down too.
    if (url.pathname !== '/ws' || face.refuse || sim.faults.underMaintenance()) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\n\r\n');
      return;
    }
    const listenKey = url.searchParams.get('listenKey');
    const account = listenKey ? accountFor(sim, listenKey) : null;
    if (listenKey && !account) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const now = sim.clock.now();
      const connection: Connection = { socket: ws, account, listenKey, subscriptions: new Map(), openedAt: now, lastTraffic: now, unsubscribedSince: now, recentMessages: [] };
      connections.add(connection);
      ws.on('close', () => connections.delete(connection));
      ws.on('message', (data, isBinary) => {
        if (!countMessage(connection)) return;
        if (!isBinary) answer(connection, data.toString());
      });
    });
  });

  /** Count one message from the client; false when it broke the rate cap (the connection is then closed). */
  function countMessage(connection: Connection): boolean {
    const now = sim.clock.now();
    connection.lastTraffic = now;
    const recent = connection.recentMessages.filter((at) => at > now - 1_000);
    recent.push(now);
    connection.recentMessages = recent;
    if (recent.length <= WS_LIMITS.messagesPerSecond) return true;
    closeByRule(connection, 'message rate');
    return false;
  }

  function closeByRule(connection: Connection, reason: string) {
    closedByRule[reason] = (closedByRule[reason] ?? 0) + 1;
    connections.delete(connection);
    connection.socket.close(1000, reason);
  }

  /** MEXC's rules: the first one broken closes the connection (checked after the pushes of a moment, which count as traffic). */
  function enforceRules(connection: Connection, now: number) {
    if (now - connection.openedAt >= WS_LIMITS.lifetimeMs) closeByRule(connection, '24 h');
    else if (connection.listenKey && !accountFor(sim, connection.listenKey)) closeByRule(connection, 'listenKey expired');
    else if (connection.unsubscribedSince !== null && now - connection.unsubscribedSince > WS_LIMITS.unsubscribedMs) closeByRule(connection, 'unsubscribed');
    else if (now - connection.lastTraffic > WS_LIMITS.idleMs) closeByRule(connection, 'idle');
  }

  function answer(connection: Connection, text: string) {
    let request: { method?: unknown; params?: unknown };
    try {
      request = JSON.parse(text) as typeof request;
    } catch {
      return reply(connection, { id: 0, code: 0, msg: 'Invalid JSON' });
    }
    const method = typeof request.method === 'string' ? request.method.toUpperCase() : '';
    if (method === 'PING') return reply(connection, { id: 0, code: 0, msg: 'PONG' });
    const params = Array.isArray(request.params) ? request.params.filter((p): p is string => typeof p === 'string') : [];
    if (method === 'SUBSCRIPTION') {
      const accepted: string[] = [];
      for (const name of params) {
        const channel = parseChannel(name, connection.account !== null);
        if (!channel || connection.subscriptions.size >= MAX_SUBSCRIPTIONS) continue;
        connection.subscriptions.set(name, subscribe(sim, channel, connection.account, sim.clock.now()));
        accepted.push(name);
      }
      const rejected = params.filter((name) => !accepted.includes(name));
      reply(connection, { id: 0, code: 0, msg: rejected.length ? `Not Subscribed successfully! [${rejected.join(',')}].  Reason： Blocked! ` : accepted.join(',') });
      if (accepted.length) {
        connection.unsubscribedSince = null;
        push(connection);
      }
      return;
    }
    if (method === 'UNSUBSCRIPTION') {
      for (const name of params) connection.subscriptions.delete(name);
      if (connection.subscriptions.size === 0) connection.unsubscribedSince ??= sim.clock.now();
      return reply(connection, { id: 0, code: 0, msg: params.join(',') });
    }
    reply(connection, { id: 0, code: 0, msg: 'Invalid method' });
  }

  function push(connection: Connection) {
    const now = sim.clock.now();
    for (const [name, subscription] of connection.subscriptions) {
      for (const frame of framesFor(sim, name, subscription, connection.account, now)) {
        connection.socket.send(encodePush(frame), { binary: true });
        connection.lastTraffic = now;
        pushes++;
      }
    }
  }

  let scheduled = false;
  const pushAll = () => {
    scheduled = false;
    const now = sim.clock.now();
    for (const connection of connections) {
      push(connection);
      enforceRules(connection, now);
    }
  };
  // Many clock moves in one turn make one round of pushes.
  const stopFollowing = sim.clock.onMove(() => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(pushAll);
  });
  const beat = sim.clock.isReal ? setInterval(pushAll, REAL_CLOCK_PUSH_MS) : null;
  beat?.unref();

  const face: SimWebSocket = {
    url: `${baseUrl.replace(/^http/, 'ws')}/ws`,
    refuse: false,
    get connections() {
      return connections.size;
    },
    get subscriptions() {
      return [...connections].reduce((sum, c) => sum + c.subscriptions.size, 0);
    },
    get pushes() {
      return pushes;
    },
    get closedByRule() {
      return { ...closedByRule };
    },
    dropAll() {
      for (const connection of connections) connection.socket.terminate();
    },
    close: async () => {
      stopFollowing();
      if (beat) clearInterval(beat);
      for (const connection of connections) connection.socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
  return face;
}

function reply(connection: Connection, message: { id: number; code: number; msg: string }) {
  connection.socket.send(JSON.stringify(message));
}

function accountFor(sim: SimState, listenKey: string): Account | null {
  const expiry = sim.accounts.byListenKey(listenKey);
  return expiry && expiry.validUntil >= sim.clock.now() ? expiry.account : null;
}
