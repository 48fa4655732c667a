import { request } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebHost } from '../../main/web/WebHost';
import { ContractSocket } from '../support/contractSocket';
import { rawHttpRequest } from '../support/rawHttpRequest';
import { startTestWebHost } from '../support/startTestWebHost';

/** Bounded: enough shapes to hit each parser branch, few enough for every `npm test`. */
const RUNS = 300;

/** Pieces that broke or nearly broke hosts like this one, mixed into random text. */
const nasty = fc.constantFrom(
  'http://[',
  'http://[::1',
  '/ws',
  '/ws?token=',
  '//',
  '/..',
  '%',
  '%E0%A4%A',
  '%00',
  '\u0000',
  ' ',
  '\t',
  '\r',
  '\n',
  '\r\n',
  ':',
  ',',
  'token.',
  'qrl-tray-bot.v1',
  '\u{1F4A3}',
  '\u00ff',
  'a'.repeat(300),
);
/** Anything: printable, binary and the pieces above, glued together. */
const wild = fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 }), nasty), { maxLength: 6 }).map((parts) => parts.join(''));
/** Printable text with the odd nasty piece: mostly gets past the parser, to the host's own code. */
const plausible = fc.array(fc.oneof({ arbitrary: fc.string({ maxLength: 12 }), weight: 4 }, { arbitrary: nasty, weight: 1 }), { maxLength: 4 }).map((parts) => parts.join(''));
const method = fc.oneof({ arbitrary: fc.constantFrom('GET', 'HEAD', 'POST', 'OPTIONS', 'CONNECT', 'PRI', 'get', ''), weight: 6 }, { arbitrary: wild, weight: 1 });
const target = fc.oneof(
  { arbitrary: fc.constantFrom('/', '/ws', '*', 'http://[', 'http://127.0.0.1/ws', '/index.html'), weight: 2 },
  // A space ends the target: spaces are left to the wild cases.
  { arbitrary: plausible.map((path) => `/${path.replaceAll(' ', '')}`), weight: 3 },
  { arbitrary: plausible.map((rest) => `http://${rest.replaceAll(' ', '')}`), weight: 1 },
  { arbitrary: wild, weight: 1 },
);
const version = fc.oneof({ arbitrary: fc.constant('HTTP/1.1'), weight: 6 }, { arbitrary: fc.constantFrom('HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1 extra', ''), weight: 1 }, { arbitrary: wild, weight: 1 });
const header = fc.tuple(
  fc.oneof(
    { arbitrary: fc.constantFrom('Host', 'Origin', 'Content-Length', 'Transfer-Encoding', 'Connection', 'Upgrade', 'Sec-WebSocket-Protocol', 'Expect'), weight: 4 },
    { arbitrary: fc.stringMatching(/^[A-Za-z-]{1,20}$/), weight: 2 },
    { arbitrary: wild, weight: 1 },
  ),
  fc.oneof({ arbitrary: plausible, weight: 6 }, { arbitrary: wild, weight: 1 }),
);
const upgradeHeaders = fc.record({
  key: fc.oneof({ arbitrary: fc.constant('dGhlIHNhbXBsZSBub25jZQ=='), weight: 3 }, { arbitrary: plausible, weight: 1 }, { arbitrary: wild, weight: 1 }),
  version: fc.oneof({ arbitrary: fc.constant('13'), weight: 3 }, { arbitrary: plausible, weight: 1 }, { arbitrary: wild, weight: 1 }),
  origin: fc.oneof({ arbitrary: fc.constant('http://127.0.0.1'), weight: 3 }, { arbitrary: plausible, weight: 1 }, { arbitrary: wild, weight: 1 }),
  protocol: fc.oneof({ arbitrary: fc.constant('qrl-tray-bot.v1, token.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'), weight: 3 }, { arbitrary: plausible, weight: 1 }, { arbitrary: wild, weight: 1 }),
});
const rawRequest = fc
  .record({
    method,
    target,
    version,
    // HTTP/1.1 requires Host: without it most cases would stop at Node's parser.
    host: fc.oneof({ arbitrary: fc.constant(['Host: 127.0.0.1']), weight: 4 }, { arbitrary: fc.constant([]), weight: 1 }),
    headers: fc.array(header, { maxLength: 4 }),
    upgrade: fc.option(upgradeHeaders, { nil: null }),
  })
  .map(({ method, target, version, host, headers, upgrade }) => {
    const lines = [`${method} ${target} ${version}`, ...host, ...headers.map(([name, value]) => `${name}: ${value}`)];
    if (upgrade) {
      lines.push('Connection: Upgrade', 'Upgrade: websocket', `Sec-WebSocket-Key: ${upgrade.key}`, `Sec-WebSocket-Version: ${upgrade.version}`);
      lines.push(`Origin: ${upgrade.origin}`, `Sec-WebSocket-Protocol: ${upgrade.protocol}`);
    }
    // Always a complete head, so the host must answer it rather than wait for more bytes.
    return `${lines.join('\r\n')}\r\n\r\n`;
  });

function status(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the web host under random raw requests', () => {
  let host: WebHost;
  let page: ContractSocket;
  let nextId = 1;
  beforeAll(async () => {
    ({ host } = await startTestWebHost());
    page = await ContractSocket.open(host.port, host.token);
  });
  afterAll(async () => {
    page.close();
    await host.close();
  });

  it(`answers each of ${RUNS} random request lines and headers with a 1xx-4xx status, and keeps serving the page and the engine`, { timeout: 120_000 }, async () => {
    const seen = new Map<number | null, number>();
    await fc.assert(
      fc.asyncProperty(rawRequest, async (raw) => {
        const answer = await rawHttpRequest(host.port, Buffer.from(raw, 'utf8'));
        seen.set(answer.status, (seen.get(answer.status) ?? 0) + 1);
        // Never a 5xx, never silence: every bad request is the requester's problem, answered.
        expect(answer.status).not.toBeNull();
        expect(answer.status).toBeLessThan(500);
        expect(await status(host.port, '/')).toBe(200);
        const id = nextId++;
        expect(await page.request(JSON.stringify({ id, command: 'getSnapshot' }), id)).toMatchObject({ result: { ok: true } });
      }),
      { numRuns: RUNS },
    );
    console.log(`web host fuzz: ${RUNS} raw requests, statuses ${[...seen].map(([code, n]) => `${code}×${n}`).join(', ')}`);
    expect(page.ws.readyState).toBe(page.ws.OPEN);
  });
});
