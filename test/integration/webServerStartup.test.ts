import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LOG_FILE_NAME } from '../../main/core/logging/createRotatingFileSink';
import { rawHttpRequest } from '../support/rawHttpRequest';

/** The program `npm run web` runs, as `npm test` built it. */
const SERVER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web/server.mjs');

/** Offline and quick: MEXC is a closed local port, no push streams. */
const offline = { MEXC_BASE_URL: 'http://127.0.0.1:1', MEXC_WS_URL: 'off' };

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function runServer(env: NodeJS.ProcessEnv): Run {
  if (!existsSync(SERVER)) throw new Error('dist/web/server.mjs is missing: run `npm run build` (npm test does it first).');
  const child = spawn(process.execPath, [SERVER], { env: { PATH: process.env.PATH, HOME: tmpdir(), ...offline, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Resolves with the printed address once the host is listening. */
function printedUrl(run: Run): Promise<URL> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = /web host: (http:\/\/\S+)/.exec(run.stdout());
      if (match) resolve(new URL(match[1]!));
    };
    run.child.stdout!.on('data', check);
    void run.exited.then((code) => reject(new Error(`server exited (${code}) before listening: ${run.stderr()}`)));
    check();
  });
}

const freshDir = () => mkdtempSync(path.join(tmpdir(), 'qtb-server-'));

/** One line on stderr, no stack frame, exit code 1. */
async function expectOneClearLine(run: Run, says: string) {
  expect(await run.exited).toBe(1);
  const lines = run.stderr().trimEnd().split('\n');
  expect(lines).toEqual([expect.stringContaining(`QRL Tray Bot web host could not start: ${says}`)]);
  expect(run.stderr()).not.toMatch(/\n\s+at /);
  expect(run.stdout()).toBe('');
}

describe('the web host program (dist/web/server.mjs)', () => {
  const running: Run[] = [];
  let blocker: Server | null = null;
  afterEach(async () => {
    for (const run of running.splice(0)) run.child.kill('SIGKILL');
    await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
    blocker = null;
  });

  it('prints one clear line and exits 1 when its port is in use', async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker!.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const run = runServer({ QRL_WEB_PORT: String(port), QRL_DATA_DIR: freshDir() });
    running.push(run);
    await expectOneClearLine(run, `port ${port} on 127.0.0.1 is already in use`);
  });

  it('prints one clear line and exits 1 when the data dir is a file', async () => {
    const file = path.join(freshDir(), 'data');
    writeFileSync(file, 'a file, not a folder');
    const run = runServer({ QRL_WEB_PORT: '0', QRL_DATA_DIR: file });
    running.push(run);
    await expectOneClearLine(run, `the data folder ${file} is not a folder`);
  });

  it('prints one clear line and exits 1 on an unknown LOG_LEVEL', async () => {
    const run = runServer({ QRL_WEB_PORT: '0', QRL_DATA_DIR: freshDir(), LOG_LEVEL: 'LOUD' });
    running.push(run);
    await expectOneClearLine(run, 'LOG_LEVEL must be one of DEBUG, INFO, WARN, ERROR; got "LOUD"');
  });

  it('logs to a file in the data dir at INFO by default, never the token, and outlives a malformed request', { timeout: 30_000 }, async () => {
    const dataDir = freshDir();
    const run = runServer({ QRL_WEB_PORT: '0', QRL_DATA_DIR: dataDir });
    running.push(run);
    const url = await printedUrl(run);
    const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
    const log = readFileSync(path.join(dataDir, LOG_FILE_NAME), 'utf8');
    expect(log).toContain(`INFO  Web host listening on http://127.0.0.1:${url.port}/`);
    expect(log).not.toContain(token);

    expect((await rawHttpRequest(Number(url.port), 'GET http://[ HTTP/1.1\r\nHost: x\r\n\r\n')).status).toBe(400);
    expect((await rawHttpRequest(Number(url.port), 'GET http://[ HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n')).status).toBe(400);
    expect((await rawHttpRequest(Number(url.port), 'GET / HTTP/1.1\r\nHost: x\r\n\r\n')).status).toBe(200);
    expect(run.child.exitCode).toBeNull();
  });

  it('honours LOG_LEVEL=WARN in its log file', { timeout: 30_000 }, async () => {
    const dataDir = freshDir();
    const run = runServer({ QRL_WEB_PORT: '0', QRL_DATA_DIR: dataDir, LOG_LEVEL: 'WARN' });
    running.push(run);
    const url = await printedUrl(run);
    expect((await rawHttpRequest(Number(url.port), 'NOT HTTP\r\n\r\n')).status).toBe(400);
    const log = readFileSync(path.join(dataDir, LOG_FILE_NAME), 'utf8');
    expect(log).not.toContain('Web host listening');
    expect(log).toContain('WARN  Web host: refused a malformed request');
  });
});
