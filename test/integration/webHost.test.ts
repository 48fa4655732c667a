import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebHost } from '../../main/web/WebHost';
import type { BotService } from '../../main/core/bot/BotService';
import { ContractSocket } from '../support/contractSocket';
import { startTestWebHost } from '../support/startTestWebHost';

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
  beforeAll(async () => ({ host, service } = await startTestWebHost()));
  afterAll(() => host.close());

  it('listens on loopback and puts the token in the fragment, not the path', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{32}$/);
  });

  it('serves the built renderer with a strict CSP', async () => {
    const page = await httpGet(host.port, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root"></div>');
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'none'");
  });

  it.each(['/%2e%2e/package.json', '/..%2f..%2fpackage.json', '/%E0%A4%A', '/assets/'])('never serves %s', async (path) => {
    expect((await httpGet(host.port, path)).status).toBe(404);
  });

  it('refuses a WebSocket with no token, a wrong token, or a foreign origin', async () => {
    await expect(ContractSocket.open(host.port, null)).rejects.toThrow('HTTP 401');
    await expect(ContractSocket.open(host.port, 'x'.repeat(host.token.length))).rejects.toThrow('HTTP 401');
    await expect(ContractSocket.open(host.port, host.token, { Origin: 'https://evil.example' })).rejects.toThrow('HTTP 401');
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
