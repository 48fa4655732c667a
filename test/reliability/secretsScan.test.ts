import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventNames } from '../../shared/contract';
import { LOG_FILE_NAME } from '../../main/core/logging/createRotatingFileSink';
import { installCrashReporter } from '../../main/core/logging/installCrashReporter';
import { ContractSocket } from '../support/contractSocket';
import { MemorySecretEntry } from '../support/MemorySecretEntry';
import { missingRedisServerReason, startRedisServer } from '../support/redisServer';
import { startEngineWebHost, type EngineWebHost } from '../support/startEngineWebHost';
import { VirtualTime } from '../support/VirtualTime';

const API_KEY = 'mx0vSECRETSCANKEY7731';
const SECRET = 'sEcReT-scan-0123456789abcdefXYZ';

function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe('a whole session with keys set leaves the key and secret nowhere', () => {
  let engine: EngineWebHost;
  afterAll(() => engine?.close());

  it('events, logs, WebSocket frames, settings, journal, paper wallet and crash output: zero occurrences', { timeout: 120_000 }, async () => {
    const time = new VirtualTime(new Date(2026, 10, 24, 8, 0).getTime());
    // DEBUG: every line the engine can log also lands in the data dir's log file, which the scan reads.
    engine = await startEngineWebHost({ time, env: { LOG_LEVEL: 'DEBUG' } });
    const { service, sim, host, dataDir } = engine;
    sim.accounts.addApiKey({ apiKey: API_KEY, secret: SECRET, balances: { USDT: '5000' } });

    const seen: string[] = [];
    for (const event of eventNames) service.on(event, (payload) => seen.push(JSON.stringify(payload)));
    const socket = await ContractSocket.open(host.port, host.token);
    const received: string[] = [];
    socket.ws.on('message', (data) => received.push(String(data)));
    const fakeProcess = Object.assign(new EventEmitter(), { exitCode: 0, exit: () => undefined });
    installCrashReporter(fakeProcess as unknown as NodeJS.Process, service.logger, dataDir);

    // Keys arrive over the WebSocket, as the page sends them; nothing sent back may carry them.
    const saved = await socket.request(JSON.stringify({ id: 1, command: 'saveApiKeys', input: { apiKey: API_KEY, secret: SECRET } }), 1);
    expect(saved).toMatchObject({ result: { ok: true, value: { configured: true, maskedKey: 'mx0v…7731' } } });
    await time.advance(2_000);
    await service.handlers.testConnection(undefined);
    await service.handlers.setSettings({ ...service.settings, strategy: { ...service.settings.strategy, buyThreshold: 1.2 } });
    await service.handlers.setMode({ mode: 'live', confirmation: 'LIVE' });
    await service.handlers.startBot(undefined);
    await service.handlers.runNow(undefined).catch(() => undefined);
    // Errors that quote requests: a wrong secret, a failing exchange, a crash mentioning the keys.
    sim.faults.inject({ kind: '5xx-before', times: 5 });
    await time.advance(60_000);
    await service.handlers.getSnapshot(undefined);
    fakeProcess.emit('uncaughtException', new Error(`boom while signing with ${API_KEY}/${SECRET}`));
    fakeProcess.emit('unhandledRejection', new Error(`GET /api/v3/account?timestamp=1&signature=abcdef0123&key=${API_KEY}`));
    await service.handlers.saveApiKeys({ apiKey: API_KEY, secret: 'a-wrong-secret-000000000000' });
    await service.handlers.testConnection(undefined);
    await time.advance(30_000);
    socket.close();

    const files = readdirSync(dataDir).map((name) => [name, readFileSync(path.join(dataDir, name), 'utf8')] as const);
    const places: [string, string][] = [
      ['contract events', seen.join('\n')],
      ['WebSocket frames to the page', received.join('\n')],
      ...files.map(([name, text]) => [`file ${name}`, text] as [string, string]),
    ];
    const found = places.flatMap(([where, text]) => [
      ...(occurrences(text, SECRET) ? [`${where}: secret ×${occurrences(text, SECRET)}`] : []),
      ...(occurrences(text, API_KEY) ? [`${where}: full key ×${occurrences(text, API_KEY)}`] : []),
      ...(occurrences(text, 'a-wrong-secret-000000000000') ? [`${where}: second secret`] : []),
    ]);
    console.log(
      `secrets scan: ${seen.length} events, ${received.length} frames, files ${files.map(([n, t]) => `${n} (${t.length} B)`).join(', ')}; occurrences: ${found.length}`,
    );
    expect(files.map(([name]) => name)).toEqual(expect.arrayContaining(['settings.json', 'journal.jsonl', 'crash.log', LOG_FILE_NAME]));
    expect(seen.some((event) => event.includes('[redacted]'))).toBe(true);
    // The log file got the scrubbed lines, not an empty file that would pass the scan trivially.
    expect(files.find(([name]) => name === LOG_FILE_NAME)![1]).toContain('[redacted]');
    expect(found).toEqual([]);
  });
});

const redisSkipReason = missingRedisServerReason();
/** Short on purpose: below the logger's length for registered secrets, so URL masking and the Redis scrub must hold by themselves. */
const REDIS_PASSWORD = 'rPw-9';

/** Contract events and WebSocket frames of a whole session, and every file in the data folder, with any text holding `secret`. */
async function redisSession(engine: EngineWebHost, secret: string, drive: (socket: ContractSocket, logs: string[]) => Promise<void>): Promise<{ found: string[]; summary: string }> {
  const seen: string[] = [];
  for (const event of eventNames) engine.service.on(event, (payload) => seen.push(JSON.stringify(payload)));
  const logs: string[] = [];
  engine.service.on('log', (entry) => logs.push(entry.message));
  const socket = await ContractSocket.open(engine.host.port, engine.host.token);
  const received: string[] = [];
  socket.ws.on('message', (data) => received.push(String(data)));
  const fakeProcess = Object.assign(new EventEmitter(), { exitCode: 0, exit: () => undefined });
  installCrashReporter(fakeProcess as unknown as NodeJS.Process, engine.service.logger, engine.dataDir);
  await drive(socket, logs);
  fakeProcess.emit('uncaughtException', new Error(`Redis refused redis://:${secret}@127.0.0.1:6379`));
  socket.close();
  const files = readdirSync(engine.dataDir).map((name) => [name, readFileSync(path.join(engine.dataDir, name), 'utf8')] as const);
  const places: [string, string][] = [['contract events', seen.join('\n')], ['WebSocket frames to the page', received.join('\n')], ...files.map(([name, text]) => [`file ${name}`, text] as [string, string])];
  return {
    found: places.filter(([, text]) => occurrences(text, secret) > 0).map(([where, text]) => `${where}: Redis password ×${occurrences(text, secret)}`),
    summary: `${seen.length} events, ${received.length} frames, files ${files.map(([name]) => name).join(', ')}`,
  };
}

describe.skipIf(redisSkipReason !== null)('a Redis password is in the keychain and nowhere else', () => {
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  let engine: EngineWebHost | undefined;
  afterAll(async () => {
    await engine?.close();
    await redis?.stop();
  });

  it('sent by the page in a Redis URL: events, frames, settings and crash output hold none of it', { timeout: 60_000 }, async () => {
    redis = await startRedisServer({ password: REDIS_PASSWORD });
    const keychain = new MemorySecretEntry();
    engine = await startEngineWebHost({ redisPassword: keychain });
    const current = engine;
    const { found, summary } = await redisSession(current, REDIS_PASSWORD, async (socket, logs) => {
      const settings = { ...current.service.settings, redisUrl: `redis://:${REDIS_PASSWORD}@127.0.0.1:${redis.port}` };
      const saved = await socket.request(JSON.stringify({ id: 1, command: 'setSettings', input: settings }), 1);
      expect(saved).toMatchObject({ result: { ok: true, value: { redisUrl: redis.url, redisPasswordStored: true } } });
      await expect.poll(() => current.service.snapshot().apiHealth?.cache, { timeout: 10_000 }).toBe('redis');
      // An outage makes ioredis report errors, which are logged to the page.
      await redis.stop();
      await expect.poll(() => logs.filter((line) => line.startsWith('Redis is unavailable')), { timeout: 10_000 }).toHaveLength(1);
      await socket.request(JSON.stringify({ id: 2, command: 'getSettings' }), 2);
    });
    console.log(`secrets scan (Redis password from the page): ${summary}; occurrences: ${found.length}`);
    expect(keychain.value).toBe(REDIS_PASSWORD);
    expect(found).toEqual([]);
  });

  it('given in REDIS_URL: events, frames and files hold none of it', { timeout: 60_000 }, async () => {
    await engine?.close();
    await redis.restart();
    engine = await startEngineWebHost({ env: { REDIS_URL: `redis://:${REDIS_PASSWORD}@127.0.0.1:${redis.port}` } });
    const current = engine;
    const { found, summary } = await redisSession(current, REDIS_PASSWORD, async (socket, logs) => {
      await expect.poll(() => current.service.snapshot().apiHealth?.cache, { timeout: 10_000 }).toBe('redis');
      await redis.stop();
      await expect.poll(() => logs.filter((line) => line.startsWith('Redis is unavailable')), { timeout: 10_000 }).toHaveLength(1);
      await socket.request(JSON.stringify({ id: 1, command: 'getSettings' }), 1);
    });
    console.log(`secrets scan (Redis password in REDIS_URL): ${summary}; occurrences: ${found.length}`);
    expect(found).toEqual([]);
  });
});
