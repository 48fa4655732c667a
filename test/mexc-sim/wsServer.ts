import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { encodePush, type PushFrame } from '../../main/core/exchange/streams/mexcPushProto';
import type { Account } from './Accounts';
import { plain } from './Decimal';
import { price } from './format';
import { publicTrades } from './routes';
import type { SimState } from './SimState';
import { findSymbol, type SymbolSpec } from './symbols';

/** MEXC ignores subscriptions beyond 30 per connection (MEXC's Spot v3 docs, WebSocket). */
const MAX_SUBSCRIPTIONS = 30;
/** Standalone (real clock) runs push on this beat; a virtual clock pushes on each move. */
const REAL_CLOCK_PUSH_MS = 500;

type Channel =
  | { kind: 'bookTicker'; spec: SymbolSpec }
  | { kind: 'deals'; spec: SymbolSpec }
  | { kind: 'limitDepth'; spec: SymbolSpec; levels: number }
  | { kind: 'account' };

/** What one subscription last pushed, so it pushes only what changed. */
interface Subscription {
  channel: Channel;
  /** the last body pushed, as JSON (book ticker, depth) */
  last: string;
  /** the newest public trade pushed (deals) */
  dealsUpTo: number;
  /** balances as last pushed (account) */
  balances?: Map<string, { free: bigint; locked: bigint }>;
}

interface Connection {
  socket: WebSocket;
  account: Account | null;
  subscriptions: Map<string, Subscription>;
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
  close(): Promise<void>;
}

/**
 * MEXC's Spot WebSocket (MEXC's Spot v3 docs, WebSocket): JSON control frames
 * (SUBSCRIPTION, UNSUBSCRIPTION, PING), binary protobuf pushes of the
 * book ticker, aggregated deals, limit depth and, on a `?listenKey=`
 * connection, the private account channel. Pushes follow the simulator's
 * clock and carry only what changed since the last push.
 */
export function attachWebSocket(server: Server, sim: SimState, baseUrl: string): SimWebSocket {
  const wss = new WebSocketServer({ noServer: true });
  const connections = new Set<Connection>();
  let pushes = 0;

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    // `face` is the object returned below: the test flips its `refuse`.
    if (url.pathname !== '/ws' || face.refuse) {
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
      const connection: Connection = { socket: ws, account, subscriptions: new Map() };
      connections.add(connection);
      ws.on('close', () => connections.delete(connection));
      ws.on('message', (data, isBinary) => {
        if (!isBinary) answer(connection, data.toString());
      });
    });
  });

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
        const balances = channel.kind === 'account' && connection.account ? new Map([...connection.account.balances].map(([asset, b]) => [asset, { ...b }])) : undefined;
        connection.subscriptions.set(name, { channel, last: '', dealsUpTo: sim.clock.now(), balances });
        accepted.push(name);
      }
      const rejected = params.filter((name) => !accepted.includes(name));
      reply(connection, { id: 0, code: 0, msg: rejected.length ? `Not Subscribed successfully! [${rejected.join(',')}].  Reason： Blocked! ` : accepted.join(',') });
      if (accepted.length) push(connection);
      return;
    }
    if (method === 'UNSUBSCRIPTION') {
      for (const name of params) connection.subscriptions.delete(name);
      return reply(connection, { id: 0, code: 0, msg: params.join(',') });
    }
    reply(connection, { id: 0, code: 0, msg: 'Invalid method' });
  }

  function push(connection: Connection) {
    const now = sim.clock.now();
    for (const [name, subscription] of connection.subscriptions) {
      for (const frame of framesFor(sim, name, subscription, connection.account, now)) {
        connection.socket.send(encodePush(frame), { binary: true });
        pushes++;
      }
    }
  }

  let scheduled = false;
  const pushAll = () => {
    scheduled = false;
    for (const connection of connections) push(connection);
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

/** Channel names as MEXC spells them (MEXC's Spot v3 docs, WebSocket channels); symbols must be uppercase. */
function parseChannel(name: string, isPrivate: boolean): Channel | null {
  if (name === 'spot@private.account.v3.api.pb') return isPrivate ? { kind: 'account' } : null;
  let match = /^spot@public\.aggre\.bookTicker\.v3\.api\.pb@(100ms|10ms)@([A-Z0-9]+)$/.exec(name);
  if (match) return withSpec(match[2]!, (spec) => ({ kind: 'bookTicker', spec }));
  match = /^spot@public\.aggre\.deals\.v3\.api\.pb@(100ms|10ms)@([A-Z0-9]+)$/.exec(name);
  if (match) return withSpec(match[2]!, (spec) => ({ kind: 'deals', spec }));
  match = /^spot@public\.limit\.depth\.v3\.api\.pb@([A-Z0-9]+)@(5|10|20)$/.exec(name);
  if (match) return withSpec(match[1]!, (spec) => ({ kind: 'limitDepth', spec, levels: Number(match![2]) }));
  return null;
}

function withSpec(symbol: string, make: (spec: SymbolSpec) => Channel): Channel | null {
  const spec = findSymbol(symbol);
  return spec ? make(spec) : null;
}

/** The pushes a subscription owes now: nothing when nothing changed. */
function framesFor(sim: SimState, name: string, subscription: Subscription, account: Account | null, now: number): PushFrame[] {
  const { channel } = subscription;
  const base = { channel: name, sendTime: now };
  switch (channel.kind) {
    case 'bookTicker': {
      const book = sim.engine.book(channel.spec, now, 1);
      const [bid, ask] = [book.bids[0], book.asks[0]];
      if (!bid || !ask) return [];
      const body = { bidPrice: plain(bid[0]), bidQuantity: plain(bid[1]), askPrice: plain(ask[0]), askQuantity: plain(ask[1]) };
      return changed(subscription, body) ? [{ ...base, symbol: channel.spec.symbol, publicAggreBookTicker: body }] : [];
    }
    case 'limitDepth': {
      const book = sim.engine.book(channel.spec, now, channel.levels);
      const level = ([p, q]: [bigint, bigint]) => ({ price: plain(p), quantity: plain(q) });
      const body = { asks: book.asks.map(level), bids: book.bids.map(level), eventType: `spot@public.limit.depth.v3.api.pb`, version: String(book.updateId) };
      return changed(subscription, body) ? [{ ...base, symbol: channel.spec.symbol, publicLimitDepths: body }] : [];
    }
    case 'deals': {
      const trades = publicTrades({ params: new URLSearchParams(), now, key: null, sim }, channel.spec, 100, subscription.dealsUpTo + 1, now);
      if (!trades.length) return [];
      subscription.dealsUpTo = trades.at(-1)!.time;
      const deals = trades.map((t) => ({ price: price(t.price, channel.spec), quantity: t.qty.toFixed(channel.spec.baseAssetPrecision), tradeType: t.buyerMaker ? 2 : 1, time: t.time }));
      return [{ ...base, symbol: channel.spec.symbol, publicAggreDeals: { deals, eventType: 'spot@public.aggre.deals.v3.api.pb@100ms' } }];
    }
    case 'account': {
      if (!account || !subscription.balances) return [];
      // One push per asset whose balance moved since the last look (none at subscription: the client reads REST first).
      const previous = subscription.balances;
      const frames: PushFrame[] = [];
      for (const [asset, { free, locked }] of account.balances) {
        const before = previous.get(asset) ?? { free: 0n, locked: 0n };
        if (before.free === free && before.locked === locked) continue;
        previous.set(asset, { free, locked });
        frames.push({
          ...base,
          privateAccount: {
            vcoinName: asset,
            coinId: asset,
            balanceAmount: plain(free),
            balanceAmountChange: plain(free - before.free),
            frozenAmount: plain(locked),
            frozenAmountChange: plain(locked - before.locked),
            type: 'ENTRUST',
            time: now,
          },
        });
      }
      return frames;
    }
  }
}

function changed(subscription: Subscription, body: unknown): boolean {
  const text = JSON.stringify(body);
  if (text === subscription.last) return false;
  subscription.last = text;
  return true;
}
