import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import {
  eventNames,
  fail,
  RequestFrameSchema,
  type CommandHandlers,
  type EventName,
  type EventPayload,
  type ServerFrame,
} from '../../shared/contract';
import { describeZodError } from '../../shared/describeZodError';
import { dispatchCommand } from '../core/bot/dispatchCommand';
import { serveStatic } from './serveStatic';

/** What the host needs from the engine: its handlers and its events. */
export interface ContractProvider {
  handlers: CommandHandlers;
  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void;
}

export interface WebHostOptions {
  service: ContractProvider;
  /** folder with the built renderer (index.html and assets) */
  staticDir: string;
  port?: number;
  /** per-run secret the page must present on the WebSocket; random if not given */
  token?: string;
}

export interface WebHost {
  /** the page's address, token in the fragment (never sent to the server in a request line) */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export const WS_PATH = '/ws';
/** Commands are small; anything bigger is hostile or broken. */
const MAX_FRAME_BYTES = 64 * 1024;
/**
 * A client that is not reading (a throttled background tab, a stuck socket)
 * must not make the host buffer snapshots without end: past this many unsent
 * bytes its snapshots are skipped, since each one supersedes the last.
 */
export const SNAPSHOT_BACKLOG_LIMIT_BYTES = 1024 * 1024;

/**
 * Serves the built renderer on 127.0.0.1 and bridges the contract over a
 * WebSocket: the same commands, validation and events as Electron's IPC.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const server: Server = createServer((request, response) => serveStatic(options.staticDir, request, response));
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  server.on('upgrade', (request, socket, head) => {
    if (!isAuthorizedUpgrade(request, token)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => bridge(ws, options.service));
  });
  const unsubscribers = broadcastEvents(options.service, sockets);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    close: async () => {
      unsubscribers.forEach((unsubscribe) => unsubscribe());
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function isAuthorizedUpgrade(request: IncomingMessage, token: string): boolean {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== WS_PATH) return false;
  // A page from another origin must not drive the bot even if it guessed the port.
  const origin = request.headers.origin;
  if (origin !== undefined && !isLoopbackOrigin(origin)) return false;
  const presented = Buffer.from(url.searchParams.get('token') ?? '');
  const expected = Buffer.from(token);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

function isLoopbackOrigin(origin: string): boolean {
  try {
    const { hostname } = new URL(origin);
    return hostname === '127.0.0.1' || hostname === 'localhost';
  } catch {
    return false;
  }
}

/** Each event is serialized once and sent to every connected page. */
function broadcastEvents(service: ContractProvider, sockets: WebSocketServer): (() => void)[] {
  return eventNames.map((event) =>
    service.on(event, (payload) => {
      if (sockets.clients.size === 0) return;
      const frame = JSON.stringify({ kind: 'event', event, payload } satisfies ServerFrame);
      for (const ws of sockets.clients) {
        if (ws.readyState !== ws.OPEN) continue;
        if (event === 'snapshot' && ws.bufferedAmount > SNAPSHOT_BACKLOG_LIMIT_BYTES) continue;
        ws.send(frame);
      }
    }),
  );
}

function bridge(ws: WebSocket, service: ContractProvider): void {
  const send = (frame: ServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  // A protocol violation (e.g. an oversized frame) closes this socket; it must never take the host down.
  ws.on('error', () => ws.terminate());
  ws.on('message', (data, isBinary) => {
    void answer(data, isBinary, service).then((frame) => send(frame));
  });
}

async function answer(data: RawData, isBinary: boolean, service: ContractProvider): Promise<ServerFrame> {
  if (isBinary) return { kind: 'result', id: null, result: fail('INVALID_PAYLOAD', 'Frames must be JSON text.') };
  let json: unknown;
  try {
    json = JSON.parse(data.toString());
  } catch {
    return { kind: 'result', id: null, result: fail('INVALID_PAYLOAD', 'Frame is not valid JSON.') };
  }
  const frame = RequestFrameSchema.safeParse(json);
  if (!frame.success) {
    const id = readId(json);
    return { kind: 'result', id, result: fail('INVALID_PAYLOAD', `Malformed request: ${describeZodError(frame.error)}`) };
  }
  const result = await dispatchCommand(service.handlers, frame.data.command, frame.data.input);
  return { kind: 'result', id: frame.data.id, result };
}

/** Echo a usable id back even on a malformed frame, so the caller's promise settles. */
function readId(json: unknown): number | null {
  if (typeof json !== 'object' || json === null) return null;
  const id = (json as { id?: unknown }).id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}
