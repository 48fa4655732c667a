import { randomBytes } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import {
  checkCommandResult,
  checkEventPayload,
  eventNames,
  fail,
  RequestFrameSchema,
  type CommandHandlers,
  type EventName,
  type EventPayload,
  type ServerFrame,
} from '../../shared/contract';
import { describeZodError } from '../../shared/describeZodError';
import { CONTRACT_PROTOCOL, TOKEN_PATTERN } from '../../shared/webSocketProtocols';
import { dispatchCommand } from '../core/bot/dispatchCommand';
import type { Logger } from '../core/logging/Logger';
import { isAuthorizedUpgrade } from './isAuthorizedUpgrade';
import { parseRequestTarget } from './parseRequestTarget';
import { serveStatic } from './serveStatic';

type HostLogger = Pick<Logger, 'warn' | 'error'>;

/** What the host needs from the engine: its handlers, its events, and where to log. */
export interface ContractProvider {
  handlers: CommandHandlers;
  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void;
  /** the engine's logger (BotService has one); request errors and contract violations go there */
  logger?: HostLogger;
}

export interface WebHostOptions {
  service: ContractProvider;
  /** folder with the built renderer (index.html and assets) */
  staticDir: string;
  port?: number;
  /** per-run secret the page must present on the WebSocket; random if not given */
  token?: string;
  /** overrides the service's logger */
  logger?: HostLogger;
  /** where an answer or event that breaks the contract is reported (the logger's error by default); tests also fail on it */
  reportViolation?: (problem: string) => void;
  /**
   * Commands wait for this (the engine's init), so a host can take its port,
   * and fail fast if it is in use, before a slow start-up finishes.
   */
  ready?: Promise<unknown>;
}

export interface WebHost {
  /** the page's address, token in the fragment (never sent to the server in a request line) */
  url: string;
  /** http://127.0.0.1:port: the only Origin the WebSocket accepts */
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Commands are small; anything bigger is hostile or broken. */
const MAX_FRAME_BYTES = 64 * 1024;
/**
 * A client that is not reading (a throttled background tab, a stuck socket)
 * must not make the host buffer snapshots without end: past this many unsent
 * bytes its snapshots are skipped, since each one supersedes the last.
 */
export const SNAPSHOT_BACKLOG_LIMIT_BYTES = 1024 * 1024;

const BAD_REQUEST = 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';
const METHOD_NOT_ALLOWED = 'HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';
const UNAUTHORIZED = 'HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';
const silent: HostLogger = { warn: () => undefined, error: () => undefined };

/**
 * Serves the built renderer on 127.0.0.1 and bridges the contract over a
 * WebSocket: the same commands, validation and events as Electron's IPC.
 * No request, however malformed, can stop it: each error answers that
 * request alone (issue 14, point 3).
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  if (!TOKEN_PATTERN.test(token)) throw new Error('The web host token must be 16 to 128 letters, digits, _ or -.');
  const logger = options.logger ?? options.service.logger ?? silent;
  const ready = options.ready ?? Promise.resolve();
  const reportViolation = options.reportViolation ?? ((problem: string) => logger.error(problem));
  let origin = '';

  const server: Server = createServer((request, response) => {
    serveStatic(options.staticDir, request, response).catch((error: unknown) => answerRequestError(response, error, logger));
  });
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    // Echo only the contract's protocol, never the token the page offered beside it.
    handleProtocols: (protocols) => (protocols.has(CONTRACT_PROTOCOL) ? CONTRACT_PROTOCOL : false),
  });

  server.on('upgrade', (request, socket: Duplex, head: Buffer) => {
    // A peer that resets mid-handshake must not raise an unhandled 'error'.
    socket.on('error', () => socket.destroy());
    try {
      if (parseRequestTarget(request.url) === null) {
        socket.end(BAD_REQUEST);
        return;
      }
      if (!isAuthorizedUpgrade(request, { origin, token })) {
        socket.end(UNAUTHORIZED);
        return;
      }
      sockets.handleUpgrade(request, socket, head, (ws) => bridge(ws, options.service, { logger, ready, reportViolation }));
    } catch (error) {
      logger.warn(`Web host: refused a malformed upgrade (${describeError(error)}).`);
      if (socket.writable) socket.end(BAD_REQUEST);
      else socket.destroy();
    }
  });
  // CONNECT (a proxy request) gets the same 405 as any method but GET and HEAD, rather than silence.
  server.on('connect', (_request, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    socket.end(METHOD_NOT_ALLOWED);
  });
  // Bytes that are not HTTP at all: Node's parser rejects them before any handler runs.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    logger.warn(`Web host: refused a malformed request (${error.code ?? 'parse error'}).`);
    socket.end(BAD_REQUEST);
  });
  const unsubscribers = broadcastEvents(options.service, sockets, logger, reportViolation);

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    // e.g. the port is in use: leave the engine as it was found.
    unsubscribers.forEach((unsubscribe) => unsubscribe());
    throw error;
  }
  // After start-up, a server error (e.g. out of file descriptors) is logged; the engine stays up.
  server.on('error', (error) => logger.error(`Web host: ${describeError(error)}`));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    close: async () => {
      unsubscribers.forEach((unsubscribe) => unsubscribe());
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function answerRequestError(response: ServerResponse, error: unknown, logger: HostLogger): void {
  logger.warn(`Web host: a request failed (${describeError(error)}).`);
  if (!response.headersSent) response.writeHead(400, { 'Content-Length': 0, Connection: 'close' }).end();
  else response.destroy();
}

/** The error's kind and code, not its message: a message may quote the request. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as NodeJS.ErrnoException).code;
  return code ? `${error.name} ${code}` : error.name;
}

/** Each event is checked against its schema, serialized once and sent to every connected page. */
function broadcastEvents(service: ContractProvider, sockets: WebSocketServer, logger: HostLogger, reportViolation: (problem: string) => void): (() => void)[] {
  return eventNames.map((event) =>
    service.on(event, (payload) => {
      if (sockets.clients.size === 0) return;
      const checked = checkEventPayload(event, payload, reportViolation);
      if (!checked.ok) return;
      const frame = serialize({ kind: 'event', event, payload: checked.value }, logger);
      if (frame === null) return;
      for (const ws of sockets.clients) {
        if (ws.readyState !== ws.OPEN) continue;
        if (event === 'snapshot' && ws.bufferedAmount > SNAPSHOT_BACKLOG_LIMIT_BYTES) continue;
        ws.send(frame);
      }
    }),
  );
}

interface BridgeContext {
  logger: HostLogger;
  ready: Promise<unknown>;
  reportViolation: (problem: string) => void;
}

function bridge(ws: WebSocket, service: ContractProvider, { logger, ready, reportViolation }: BridgeContext): void {
  const send = (frame: ServerFrame) => {
    const text = serialize(frame, logger);
    if (text !== null && ws.readyState === ws.OPEN) ws.send(text);
  };
  // A protocol violation (e.g. an oversized frame) closes this socket; it must never take the host down.
  ws.on('error', () => ws.terminate());
  ws.on('message', (data, isBinary) => {
    void ready
      .then(() => answer(data, isBinary, service, reportViolation))
      .catch((error: unknown): ServerFrame => {
        logger.error(`Web host: a command failed outside the contract (${describeError(error)}).`);
        return { kind: 'result', id: null, result: fail('INTERNAL', 'The engine could not answer.') };
      })
      .then(send);
  });
}

/** JSON for the wire, or null (logged) for a value JSON cannot carry, e.g. a cycle. */
function serialize(frame: ServerFrame, logger: HostLogger): string | null {
  try {
    return JSON.stringify(frame);
  } catch (error) {
    logger.error(`Web host: a ${frame.kind} frame could not be serialized (${describeError(error)}).`);
    return null;
  }
}

async function answer(data: RawData, isBinary: boolean, service: ContractProvider, reportViolation: (problem: string) => void): Promise<ServerFrame> {
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
  const { id, command, input } = frame.data;
  const result = await dispatchCommand(service.handlers, command, input);
  return { kind: 'result', id, result: checkCommandResult(command, result, reportViolation) };
}

/** Echo a usable id back even on a malformed frame, so the caller's promise settles. */
function readId(json: unknown): number | null {
  if (typeof json !== 'object' || json === null) return null;
  const id = (json as { id?: unknown }).id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}
