import ccxt from 'ccxt';
import WebSocket from 'ws';
import { decodePush } from '../../main/core/exchange/streams/mexcPushProto';
import { untilTrue } from '../support/eventLoopTurns';
import type { MexcSim } from './index';

// Clients of the simulator's WebSocket for its tests: ccxt pro (the referee) and a raw socket.

export const KEYS = { apiKey: 'mx0vWSKEY000001', secret: 'ws-secret-0123456789abcdef0123' };

/** ccxt pro's mexc, its own compiled protobuf decoder, pointed at the simulator: the wire format's referee. */
export async function ccxtPro(sim: MexcSim, keys?: typeof KEYS, options: Record<string, unknown> = {}) {
  const exchange = new ccxt.pro.mexc({
    ...keys,
    urls: { api: { spot: { public: sim.url, private: sim.url }, ws: { spot: sim.ws.url } } },
    options: { fetchMarkets: { types: { spot: true, swap: { linear: false, inverse: false } } }, ...options },
    has: { fetchCurrencies: false },
  });
  exchange.fetchSwapMarkets = async () => [];
  exchange.milliseconds = () => sim.clock.now();
  await exchange.loadHttpProxyAgent();
  await exchange.loadMarkets();
  return exchange;
}

/** Until the simulator holds `count` subscriptions: a client's SUBSCRIPTION has landed. */
export const subscribed = (sim: MexcSim, count: number) => untilTrue(() => sim.ws.subscriptions >= count, `${count} subscription(s)`);

/** A raw socket: control frames as text, pushes decoded. */
export async function rawSocket(url: string) {
  const socket = new WebSocket(url);
  const texts: unknown[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  const pushes: ReturnType<typeof decodePush>[] = [];
  socket.on('message', (data: Buffer, isBinary) => (isBinary ? pushes.push(decodePush(data)) : texts.push(JSON.parse(data.toString()))));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const next = async <T>(list: T[], count: number): Promise<T[]> => {
    while (list.length < count) await new Promise((resolve) => socket.once('message', resolve));
    return list;
  };
  const send = (message: object) => socket.send(JSON.stringify(message));
  return { socket, texts, pushes, next, closed, send };
}

