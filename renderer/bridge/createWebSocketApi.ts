import {
  commandNames,
  type Api,
  type CommandName,
  type EventName,
  type Result,
  type ServerFrame,
} from '../../shared/contract';
import { WEB_SOCKET_PATH, webSocketProtocols } from '../../shared/webSocketProtocols';

type Pending = (result: Result<unknown>) => void;

export type ConnectionListener = (state: 'connecting' | 'open' | 'closed') => void;

/** Where the socket goes, and what it offers: the token rides in the protocols, never in the URL. */
export interface WebSocketTarget {
  url: string;
  protocols: string[];
}

/** Reconnect delays after the socket drops: quick at first, then every 10 s. */
export const reconnectDelayMs = (attempt: number): number => Math.min(10_000, 500 * 2 ** attempt);

/**
 * window.api over the web host's WebSocket: the same methods and Results as
 * the Electron preload, so no view knows which transport it runs on.
 */
export function createWebSocketApi(target: WebSocketTarget, onConnection: ConnectionListener = () => undefined): Api {
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;
  let attempt = 0;
  let retry: ReturnType<typeof setTimeout> | null = null;

  // Events only flow over an open socket, so a dropped one is re-opened on its own.
  const scheduleReconnect = () => {
    if (retry) return;
    retry = setTimeout(() => {
      retry = null;
      void connect().catch(() => undefined);
    }, reconnectDelayMs(attempt++));
  };

  const connect = (): Promise<WebSocket> => {
    if (opened) return opened;
    onConnection('connecting');
    opened = new Promise((resolve, reject) => {
      const ws = new WebSocket(target.url, target.protocols);
      ws.onopen = () => {
        attempt = 0;
        onConnection('open');
        resolve(ws);
      };
      ws.onerror = () => reject(new Error('Cannot reach the bot engine.'));
      ws.onclose = () => {
        opened = null;
        socket = null;
        onConnection('closed');
        scheduleReconnect();
        for (const settle of pending.values()) {
          settle({ ok: false, error: { code: 'INTERNAL', message: 'Connection to the bot engine closed.' } });
        }
        pending.clear();
      };
      ws.onmessage = (message) => receive(JSON.parse(String(message.data)) as ServerFrame);
      socket = ws;
    });
    return opened;
  };

  const receive = (frame: ServerFrame) => {
    if (frame.kind === 'event') {
      listeners.get(frame.event)?.forEach((listener) => listener(frame.payload as never));
    } else if (frame.id !== null) {
      pending.get(frame.id)?.(frame.result);
      pending.delete(frame.id);
    }
  };

  const call = async (command: CommandName, input: unknown): Promise<Result<unknown>> => {
    try {
      const ws = socket?.readyState === WebSocket.OPEN ? socket : await connect();
      const id = nextId++;
      return await new Promise((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, command, input }));
      });
    } catch (error) {
      return { ok: false, error: { code: 'INTERNAL', message: (error as Error).message } };
    }
  };

  const methods = Object.fromEntries(
    commandNames.map((name) => [name, (input?: unknown) => call(name, input)]),
  );
  void connect().catch(() => undefined);

  return {
    ...(methods as Omit<Api, 'on'>),
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: never) => void);
    },
  } as Api;
}

/**
 * The page's address carries the per-run token in its fragment (#token=…),
 * which the browser never sends; the socket presents it in Sec-WebSocket-Protocol.
 */
export function webSocketTargetFromLocation(location: Pick<Location, 'hash' | 'host' | 'protocol'>): WebSocketTarget | null {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (!token) return null;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return { url: `${scheme}//${location.host}${WEB_SOCKET_PATH}`, protocols: webSocketProtocols(token) };
}
