import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiKey } from './Accounts';
import { handleAdminRequest } from './adminEndpoint';
import { MEXC_ERRORS, MexcError } from './errors';
import { routes, type Route } from './routes';
import { splitSignature, verifySignature } from './Signature';
import type { SimState } from './SimState';

const MAX_RECV_WINDOW = 60_000;
const DEFAULT_RECV_WINDOW = 5_000;
/** MEXC accepts a timestamp at most 1 s ahead of its clock. */
const AHEAD_TOLERANCE = 1_000;

/** The HTTP face of the simulator: routing, auth, limits and faults, in MEXC's order. */
export function createSimServer(sim: SimState, options: { admin: boolean } = { admin: true }): { server: Server; listen(port: number): Promise<number>; close(): Promise<void> } {
  const hanging = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (options.admin && handleAdminRequest(sim, request, response, body)) return;
      void handle(sim, request, response, body, hanging);
    });
  });
  return {
    server,
    listen: (port) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
      }),
    close: () =>
      new Promise((resolve) => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(sim: SimState, request: IncomingMessage, response: ServerResponse, body: string, hanging: Set<ServerResponse>) {
  const method = request.method ?? 'GET';
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const rawQuery = (request.url ?? '').includes('?') ? (request.url ?? '').slice((request.url ?? '').indexOf('?') + 1) : '';
  const route: Route | undefined = routes[`${method} ${url.pathname}`];
  const ip = request.socket.remoteAddress ?? '127.0.0.1';
  let weight = 0;
  const log = (status: number) =>
    sim.requestLog.push({ time: sim.clock.now(), method, path: url.pathname, weight, status, signed: Boolean(route?.signed) });

  const fault = sim.faults.take(method, url.pathname);
  const delay = sim.latency.delayFor(method, url.pathname) + (fault?.kind === 'latency' ? fault.ms : 0);
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  if (fault?.kind === 'timeout') {
    hanging.add(response);
    log(0);
    return;
  }
  if (fault?.kind === 'reset') {
    log(0);
    request.socket.destroy();
    return;
  }
  if (fault?.kind === 'ban') sim.limiter.banNow(ip, sim.clock.now(), fault.ms || 120_000);
  if (fault?.kind === '5xx-before') return send(response, 502, '', log);
  if (fault?.kind === 'maintenance') return sendJson(response, 503, { code: 503, msg: 'System maintenance, please try again later' }, log);
  if (fault?.kind === '429-storm') return sendJson(response, 429, { code: 429, msg: 'Too Many Requests' }, log, { 'Retry-After': '2' });

  if (!route) return sendJson(response, 404, { code: 404, msg: 'Not Found' }, log);

  // Query values win over body values with the same name (MEXC's Spot v3 docs, request formats); GET reads the query only.
  const params = new URLSearchParams(method === 'GET' ? '' : isForm(body) ? body : '');
  for (const [name, value] of new URLSearchParams(rawQuery)) params.set(name, value);

  const apiKeyHeader = request.headers['x-mexc-apikey'];
  const key = typeof apiKeyHeader === 'string' ? (sim.accounts.find(apiKeyHeader) ?? null) : null;
  weight = typeof route.weight === 'function' ? route.weight(params) : route.weight;
  if (sim.enforceRateLimit) {
    const admission = sim.limiter.admit(sim.clock.now(), url.pathname, {
      ip,
      ipWeight: weight,
      uid: route.signed && key ? key.account.uid : undefined,
      uidWeight: route.uidWeight,
    });
    if (!admission.ok) {
      const headers = { 'Retry-After': String(admission.retryAfterSeconds) };
      // A ban answers with an empty body, as MEXC's WAF does.
      return admission.status === 418 ? send(response, 418, '', log, headers) : sendJson(response, 429, { code: 429, msg: 'Too Many Requests' }, log, headers);
    }
  }

  try {
    const now = sim.now();
    const signedKey = route.signed ? authenticate(sim, route, typeof apiKeyHeader === 'string' ? apiKeyHeader : undefined, key, rawQuery, body, now) : null;
    const result = route.handle({ params, now, key: signedKey, sim });
    if (fault?.kind === '5xx-after-accept') return sendJson(response, 504, { code: 504, msg: 'Gateway Time-out' }, log);
    if (fault?.kind === 'malformed-json') return send(response, 200, truncatedJson(result), log, { 'Content-Type': 'application/json' });
    return sendJson(response, 200, result, log);
  } catch (error) {
    if (error instanceof MexcError) return sendJson(response, error.status, { code: error.code, msg: error.message }, log);
    return sendJson(response, 500, { code: 500, msg: `Internal error: ${(error as Error).message}` }, log);
  }
}

/** MEXC's order of checks (MEXC's Spot v3 docs, signed endpoints): key, timestamp window, recvWindow, signature, permission. */
function authenticate(sim: SimState, route: Route, header: string | undefined, key: ApiKey | null, rawQuery: string, body: string, now: number): ApiKey {
  if (!header) throw MexcError.of('apiKeyRequired');
  if (!key) throw MexcError.of('invalidAccessKey');
  const query = new URLSearchParams(rawQuery);
  const bodyParams = new URLSearchParams(isForm(body) ? body : '');
  const timestamp = Number(query.get('timestamp') ?? bodyParams.get('timestamp'));
  const recvWindow = Number(query.get('recvWindow') ?? bodyParams.get('recvWindow') ?? DEFAULT_RECV_WINDOW);
  if (!Number.isFinite(timestamp) || timestamp <= 0) throw MexcError.of('missingParam');
  if (!(timestamp < now + AHEAD_TOLERANCE && now - timestamp <= recvWindow)) throw MexcError.of('timestampOutsideWindow');
  if (!Number.isFinite(recvWindow) || recvWindow > MAX_RECV_WINDOW) throw MexcError.of('recvWindowTooLarge');
  const { signed, signature } = splitSignature(rawQuery);
  const bodySignature = signature ?? bodyParams.get('signature');
  const totalParams = signature !== null ? signed + body : rawQuery + splitSignature(body).signed;
  if (!bodySignature || !verifySignature(key.secret, totalParams, bodySignature)) throw MexcError.of('badSignature');
  if (!key.permissions.includes(route.signed!)) throw MexcError.of('noPermission');
  void sim;
  return key;
}

function isForm(body: string): boolean {
  return body !== '' && !body.trimStart().startsWith('{');
}

function sendJson(response: ServerResponse, status: number, value: unknown, log: (status: number) => void, headers: Record<string, string> = {}) {
  send(response, status, JSON.stringify(value), log, { 'Content-Type': 'application/json', ...headers });
}

function send(response: ServerResponse, status: number, text: string, log: (status: number) => void, headers: Record<string, string> = {}) {
  log(status);
  response.writeHead(status, headers);
  response.end(text);
}

export { MEXC_ERRORS };

/** A body cut short: any proper prefix of an object or array is invalid JSON, even of a short one like `[]`. */
function truncatedJson(result: unknown): string {
  const text = JSON.stringify(result);
  return text.slice(0, Math.min(25, text.length - 1));
}
