import { EventEmitter } from 'node:events';
import { request } from 'node:http';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, LogEntry } from '../../shared/contract';
import { CONTRACT_PROTOCOL, webSocketProtocols } from '../../shared/webSocketProtocols';
import { startWebHost, type WebHost } from '../../main/web/WebHost';
import type { BotService } from '../../main/core/bot/BotService';
import { ContractSocket } from '../support/contractSocket';
import { untilTrue } from '../support/eventLoopTurns';
import { rawHttpRequest } from '../support/rawHttpRequest';
import { BUILT_RENDERER, startTestWebHost } from '../support/startTestWebHost';

/** The HTTP status a WebSocket upgrade gets: 101 when accepted. */
function upgradeStatus(port: number, { path = '/ws', protocols, origin }: { path?: string; protocols: string[]; origin?: string }): Promise<number> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, protocols, origin === undefined ? {} : { headers: { Origin: origin } });
  return new Promise((resolve, reject) => {
    ws.once('upgrade', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_request, response) => {
      ws.terminate();
      resolve(response.statusCode ?? 0);
    });
    ws.once('error', reject);
  });
}

function httpGet(port: number, path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web host', () => {
  let host: WebHost;
  let service: BotService;
  const logs: LogEntry[] = [];
  beforeAll(async () => {
    ({ host, service } = await startTestWebHost());
    service.logger.addSink((entry) => logs.push(entry));
  });
  afterAll(() => host.close());

  const stillServing = async () => {
    expect((await httpGet(host.port, '/')).status).toBe(200);
    const socket = await ContractSocket.open(host.port, host.token);
    expect(await socket.request(JSON.stringify({ id: 1, command: 'getSnapshot' }), 1)).toMatchObject({ result: { ok: true } });
    socket.close();
  };

  it('listens on loopback and puts the token in the fragment, not the path', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{32}$/);
  });

  it('serves the built renderer with a strict CSP', async () => {
    const page = await httpGet(host.port, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root"></div>');
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'none'");
  });

  it.each([
    ['/%2e%2e/package.json', 404],
    ['/..%2f..%2fpackage.json', 400],
    ['/%E0%A4%A', 400],
    ['/assets/', 404],
    ['http://evil.example/../package.json', 404],
  ])('never serves %s', async (path, status) => {
    expect((await httpGet(host.port, path)).status).toBe(status);
  });

  it('answers 400 to a request line that is not a URL, with or without upgrade headers, and keeps serving', async () => {
    const upgrade = 'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';
    expect((await rawHttpRequest(host.port, 'GET http://[ HTTP/1.1\r\nHost: x\r\n\r\n')).status).toBe(400);
    expect((await rawHttpRequest(host.port, `GET http://[ HTTP/1.1\r\nHost: x\r\n${upgrade}\r\n`)).status).toBe(400);
    expect((await rawHttpRequest(host.port, `GET http://[/ws HTTP/1.1\r\nHost: x\r\nOrigin: ${host.origin}\r\n${upgrade}\r\n`)).status).toBe(400);
    await stillServing();
  });

  it('answers 400 to bytes that are not HTTP, logs it without echoing them, and keeps serving', async () => {
    const before = logs.length;
    expect((await rawHttpRequest(host.port, 'NOT HTTP AT ALL \u0000 secret-looking-bytes\r\n\r\n')).status).toBe(400);
    expect((await rawHttpRequest(host.port, `GET / HTTP/1.1\r\nHost: x\r\nBad Header: \u0001\r\n\r\n`)).status).toBe(400);
    const logged = logs.slice(before).map((entry) => entry.message);
    expect(logged).toEqual([expect.stringContaining('refused a malformed request'), expect.stringContaining('refused a malformed request')]);
    expect(logged.join()).not.toContain('secret-looking-bytes');
    await stillServing();
  });

  it('refuses a WebSocket with no token, a wrong token, or an origin that is not exactly its own', async () => {
    await expect(ContractSocket.open(host.port, null)).rejects.toThrow('HTTP 401');
    await expect(ContractSocket.open(host.port, 'x'.repeat(host.token.length))).rejects.toThrow('HTTP 401');
    const origins = ['https://evil.example', `http://127.0.0.1:${host.port + 1}`, `http://localhost:${host.port}`, `https://127.0.0.1:${host.port}`, 'null'];
    for (const origin of origins) {
      await expect(ContractSocket.open(host.port, host.token, { Origin: origin })).rejects.toThrow('HTTP 401');
    }
    const protocols = webSocketProtocols(host.token);
    expect(await upgradeStatus(host.port, { protocols })).toBe(401); // no Origin at all
    expect(await upgradeStatus(host.port, { protocols: [protocols[1]!], origin: host.origin })).toBe(401); // token without the contract protocol
    expect(await upgradeStatus(host.port, { protocols: [...protocols, 'token.x'], origin: host.origin })).toBe(401); // two tokens
    expect(await upgradeStatus(host.port, { protocols, origin: host.origin })).toBe(101);
  });

  it('refuses a token in the query string, even with the right one in the protocol', async () => {
    const query = `?token=${host.token}`;
    expect(await upgradeStatus(host.port, { path: `/ws${query}`, protocols: [CONTRACT_PROTOCOL], origin: host.origin })).toBe(401);
    expect(await upgradeStatus(host.port, { path: `/ws${query}`, protocols: webSocketProtocols(host.token), origin: host.origin })).toBe(401);
    expect(await upgradeStatus(host.port, { path: '/ws/', protocols: webSocketProtocols(host.token), origin: host.origin })).toBe(401);
  });

  it('echoes only the contract protocol, never the token', async () => {
    const socket = await ContractSocket.open(host.port, host.token);
    expect(socket.ws.protocol).toBe(CONTRACT_PROTOCOL);
    socket.close();
  });

  it('answers malformed frames with typed errors and keeps serving', async () => {
    const socket = await ContractSocket.open(host.port, host.token);
    const cases: [string | Buffer, number | null, string][] = [
      ['{not json', null, 'INVALID_PAYLOAD'],
      [Buffer.from([1, 2, 3]), null, 'INVALID_PAYLOAD'],
      ['[]', null, 'INVALID_PAYLOAD'],
      [JSON.stringify({ id: 7 }), 7, 'INVALID_PAYLOAD'],
      [JSON.stringify({ id: -1, command: 'getSnapshot' }), null, 'INVALID_PAYLOAD'],
      [JSON.stringify({ id: 8, command: 'launchMissiles' }), 8, 'UNKNOWN_COMMAND'],
      [JSON.stringify({ id: 9, command: 'startBot', input: { force: true } }), 9, 'INVALID_PAYLOAD'],
      [JSON.stringify({ id: 10, command: '__proto__', input: { polluted: true } }), 10, 'UNKNOWN_COMMAND'],
    ];
    for (const [raw, id, code] of cases) {
      const frame = await socket.request(raw, id);
      expect(frame).toMatchObject({ kind: 'result', id, result: { ok: false, error: { code } } });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const snapshot = await socket.request(JSON.stringify({ id: 11, command: 'getSnapshot' }), 11);
    expect(snapshot).toMatchObject({ kind: 'result', result: { ok: true, value: { status: { state: 'stopped' } } } });
    socket.close();
  });

  it('closes a connection that sends an oversized frame, and still accepts new ones', async () => {
    const socket = await ContractSocket.open(host.port, host.token);
    const closed = new Promise<number>((resolve) => socket.ws.once('close', (code) => resolve(code)));
    socket.sendRaw('x'.repeat(100 * 1024));
    expect(await closed).toBe(1009);
    const fresh = await ContractSocket.open(host.port, host.token);
    expect(await fresh.request(JSON.stringify({ id: 1, command: 'getSnapshot' }), 1)).toMatchObject({ result: { ok: true } });
    fresh.close();
  });

  it('pushes a snapshot event to every client when the state changes', async () => {
    const [a, b] = await Promise.all([ContractSocket.open(host.port, host.token), ContractSocket.open(host.port, host.token)]);
    const isRunning = (frame: { kind: string; event?: string; payload?: unknown }) =>
      frame.kind === 'event' && frame.event === 'snapshot' && (frame.payload as { status: { state: string } }).status.state === 'running';
    const events = Promise.all([a.next(isRunning), b.next(isRunning)]);
    const reply = await a.request(JSON.stringify({ id: 1, command: 'startBot' }), 1);
    expect(reply).toMatchObject({ result: { ok: true, value: { state: 'running' } } });
    expect((await events).length).toBe(2);
    await service.handlers.stopBot(undefined);
    a.close();
    b.close();
  });
});

describe('web host outbound door', () => {
  it('turns an answer or an event that breaks the contract into a logged INTERNAL error, and keeps serving', async () => {
    const { host: good, service } = await startTestWebHost();
    const emitter = new EventEmitter();
    const problems: string[] = [];
    const SECRET = 'sEcReT-in-a-bad-answer-0123';
    const host = await startWebHost({
      staticDir: BUILT_RENDERER,
      service: {
        handlers: { ...service.handlers, getApiKeyStatus: async () => ({ configured: 'yes', maskedKey: SECRET }) as never },
        on: (event: EventName, listener: (payload: never) => void) => {
          emitter.on(event, listener as (payload: unknown) => void);
          return () => void emitter.off(event, listener as (payload: unknown) => void);
        },
      },
      logger: { warn: () => undefined, error: (message) => problems.push(message) },
    });
    await good.close();
    const socket = await ContractSocket.open(host.port, host.token);
    const answer = await socket.request(JSON.stringify({ id: 1, command: 'getApiKeyStatus' }), 1);
    expect(answer).toMatchObject({ result: { ok: false, error: { code: 'INTERNAL' } } });
    expect(JSON.stringify(answer)).not.toContain(SECRET);

    emitter.emit('navigate', { view: 'admin' });
    emitter.emit('navigate', { view: 'orders' });
    // Events keep their order: the first navigate the page sees is the valid one.
    expect(await socket.next((frame) => frame.kind === 'event')).toEqual({ kind: 'event', event: 'navigate', payload: { view: 'orders' } });
    expect(problems).toEqual([expect.stringContaining('getApiKeyStatus breaks the contract: configured'), expect.stringContaining('navigate event breaks the contract: view')]);
    expect(problems.join()).not.toContain(SECRET);
    expect(await socket.request(JSON.stringify({ id: 2, command: 'getSnapshot' }), 2)).toMatchObject({ result: { ok: true } });
    socket.close();
    await host.close();
  });

  it('fails the suite that caused a violation when its test host closes', async () => {
    const { host, service } = await startTestWebHost();
    (service.handlers as unknown as { getApiKeyStatus: () => Promise<unknown> }).getApiKeyStatus = async () => ({ configured: 'yes', maskedKey: null });
    const socket = await ContractSocket.open(host.port, host.token);
    expect(await socket.request(JSON.stringify({ id: 1, command: 'getApiKeyStatus' }), 1)).toMatchObject({ result: { ok: false, error: { code: 'INTERNAL' } } });
    socket.close();
    await expect(host.close()).rejects.toThrow('The engine sent 1 answer(s) or event(s) outside the contract: The answer to getApiKeyStatus breaks the contract: configured (invalid_type)');
  });
});

describe('web host before the engine is ready', () => {
  it('takes its port at once, and answers a command that arrived early only once the engine is ready', async () => {
    const { host: reference, service } = await startTestWebHost();
    await reference.close();
    let markReady = () => undefined as void;
    const gate = new Promise<void>((resolve) => (markReady = resolve));
    // The host chains each command on `ready`: counting those calls shows the frame has arrived.
    let waiting = 0;
    const ready = Object.assign(Object.create(gate) as Promise<void>, {
      then: (...args: Parameters<Promise<void>['then']>) => {
        waiting++;
        return gate.then(...args);
      },
    });
    const calls: string[] = [];
    const handlers = { ...service.handlers, getSnapshot: async () => (calls.push('getSnapshot'), service.snapshot()) };
    const host = await startWebHost({ service: { handlers, on: service.on.bind(service) }, staticDir: BUILT_RENDERER, ready });
    expect((await httpGet(host.port, '/')).status).toBe(200);
    const socket = await ContractSocket.open(host.port, host.token);
    const answer = socket.request(JSON.stringify({ id: 1, command: 'getSnapshot' }), 1);
    await untilTrue(() => waiting === 1, 'the early command reached the host');
    expect(calls).toEqual([]);
    markReady();
    expect(await answer).toMatchObject({ result: { ok: true } });
    expect(calls).toEqual(['getSnapshot']);
    socket.close();
    await host.close();
  });
});
