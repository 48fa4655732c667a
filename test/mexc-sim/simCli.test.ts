import { spawn, type ChildProcess } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_PATH, handleAdminRequest, isLoopback } from './adminEndpoint';
import { startMexcSim, type MexcSim } from './index';
import { parseSimArgs, SimArgsError } from './parseSimArgs';

// Issue #15: `npm run sim` exposes presets, latency and the fault catalogue, and a loopback admin endpoint.
const CLI = ['--import', 'tsx', 'test/mexc-sim/cli.ts'];

function runCli(args: string[]): { child: ChildProcess; url: Promise<string>; exit: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, [...CLI, ...args], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /MEXC simulator on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    void exit.then(({ code }) => reject(new Error(`the simulator exited (${code}): ${stderr}`)));
  });
  url.catch(() => undefined); // a run that is meant to fail never prints its URL
  return { child, url, exit };
}

describe('npm run sim', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill('SIGTERM');
    child = undefined;
  });

  it('starts with a preset and a standing fault from its flags, and injects and clears faults over the admin endpoint', { timeout: 60_000 }, async () => {
    const run = runCli(['--port', '0', '--virtual', '--latency', 'off', '--preset', 'quiet', '--fault', '429-storm,path=/api/v3/ping,times=1']);
    child = run.child;
    const url = await run.url;
    expect((await fetch(`${url}/api/v3/ping`)).status).toBe(429);
    expect((await fetch(`${url}/api/v3/ping`)).status).toBe(200);

    const admin = `${url}${ADMIN_PATH}`;
    const listed = (await (await fetch(admin)).json()) as { preset: string; active: unknown[]; catalogue: Record<string, string> };
    expect(listed.preset).toBe('quiet');
    expect(listed.active).toEqual([]);
    expect(Object.keys(listed.catalogue)).toContain('maintenance');

    const injected = await fetch(admin, { method: 'POST', body: JSON.stringify({ kind: 'maintenance', path: '/api/v3/time' }) });
    expect(injected.status).toBe(200);
    const during = await fetch(`${url}/api/v3/time`);
    expect(during.status).toBe(503);
    expect(((await during.json()) as { msg: string }).msg).toMatch(/maintenance/i);
    expect((await fetch(`${url}/api/v3/time`)).status).toBe(503); // it stands until cleared
    expect((await fetch(`${url}/api/v3/ping`)).status).toBe(200); // only the path it names

    const refused = await fetch(admin, { method: 'POST', body: JSON.stringify({ kind: 'meteor' }) });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toMatch(/unknown fault kind "meteor": one of latency, timeout/);

    expect((await fetch(admin, { method: 'DELETE' })).status).toBe(200);
    expect((await fetch(`${url}/api/v3/time`)).status).toBe(200);
  });

  it('refuses a flag it does not know, with the choices, and exits 2', { timeout: 60_000 }, async () => {
    const run = runCli(['--preset', 'meltdown']);
    child = run.child;
    const { code, stderr } = await run.exit;
    expect(code).toBe(2);
    expect(stderr).toMatch(/--preset meltdown: one of normal, quiet, trending, crash, thin, maintenance/);
  });
});

describe('sim flags', () => {
  it('parses presets, faults, latency and the admin port', () => {
    const args = parseSimArgs(['--port', '0', '--seed', '7', '--virtual', '--preset', 'crash', '--fault', 'latency,ms=2000,path=/api/v3/order,method=POST', '--latency', 'fixed:30', '--admin-port', '9100'], 1);
    expect(args).toMatchObject({ port: 0, seed: 7, useRealClock: false, preset: 'crash', adminPort: 9100, latency: { default: { kind: 'fixed', ms: 30 } } });
    expect(args.faults).toEqual([{ kind: 'latency', ms: 2000, path: '/api/v3/order', method: 'POST', times: Infinity }]);
  });

  it.each([
    [['--fault', 'maintenance,times=0'], /times is a whole number/],
    [['--fault', 'maintenance,oops'], /write name=value/],
    [['--latency', 'slow'], /realistic, off, fixed:MS/],
    [['--port'], /--port needs a value/],
    [['--colour'], /unknown option --colour/],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseSimArgs(argv as string[], 1)).toThrow(SimArgsError);
    expect(() => parseSimArgs(argv as string[], 1)).toThrow(message);
  });
});

describe('the admin endpoint', () => {
  let sim: MexcSim | undefined;
  afterEach(() => sim?.close());

  it('answers loopback peers only', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopback(address)).toBe(true);
    for (const address of ['10.0.0.5', '192.168.1.20', '::ffff:10.0.0.5', 'fe80::1', '', undefined]) expect(isLoopback(address)).toBe(false);
  });

  it('refuses a request from another host with 403 and injects nothing', async () => {
    sim = await startMexcSim();
    let status = 0;
    let body = '';
    const request = { url: ADMIN_PATH, method: 'POST', socket: { remoteAddress: '192.168.1.20' } } as unknown as IncomingMessage;
    const response = { writeHead: (code: number) => (status = code), end: (text: string) => (body = text) } as unknown as ServerResponse;
    expect(handleAdminRequest(sim.state, request, response, JSON.stringify({ kind: 'maintenance' }))).toBe(true);
    expect(status).toBe(403);
    expect(body).toMatch(/loopback/);
    expect(sim.state.faults.list().rules).toEqual([]);
  });

  it('can live on a port of its own, and then the exchange port does not answer it', async () => {
    sim = await startMexcSim({ adminPort: 0 });
    expect(new URL(sim.adminUrl).port).not.toBe(String(sim.port));
    expect((await fetch(sim.adminUrl, { method: 'POST', body: JSON.stringify({ kind: 'ban', ms: 60_000 }) })).status).toBe(200);
    expect((await fetch(`${sim.url}/api/v3/ping`)).status).toBe(418);
    expect((await fetch(`${sim.url}${ADMIN_PATH}`)).status).toBe(404);
  });
});
