import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The program `npm run web` runs, as `npm run build` left it. */
export const WEB_SERVER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web/server.mjs');

export interface WebServerRun {
  child: ChildProcess;
  /** the address it prints once listening (token in the fragment) */
  url: Promise<URL>;
  exited: Promise<void>;
  stderr(): string;
  /** SIGTERM (the host closes as on quit), then waits for the exit */
  stop(): Promise<void>;
}

/** Spawns the built web host on `dataDir`, a free port and `env` (e.g. MEXC_BASE_URL): no keychain, no HOME of the user's. */
export function spawnWebServer(dataDir: string, env: NodeJS.ProcessEnv): WebServerRun {
  if (!existsSync(WEB_SERVER)) throw new Error('dist/web/server.mjs is missing: run `npm run build` first.');
  const child = spawn(process.execPath, [WEB_SERVER], { env: { PATH: process.env.PATH, HOME: dataDir, QRL_DATA_DIR: dataDir, QRL_WEB_PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = new Promise<URL>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /web host: (http:\/\/\S+)/.exec(out);
      if (match) resolve(new URL(match[1]!));
    });
    void exited.then(() => reject(new Error(`the web host exited before listening: ${stderr}`)));
  });
  url.catch(() => undefined);
  return {
    child,
    url,
    exited,
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
