import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

let bundle: Promise<string> | null = null;

/** engineChild.ts bundled once per test process, so each spawn costs a node start, not a TypeScript compile. */
function engineChildBundle(): Promise<string> {
  bundle ??= (async () => {
    // Inside the project, so the bundle resolves its packages from node_modules (.tmp is git-ignored).
    mkdirSync(path.resolve('.tmp'), { recursive: true });
    const outfile = path.join(mkdtempSync(path.resolve('.tmp/engine-child-')), 'engineChild.mjs');
    await build({
      entryPoints: [path.resolve('test/support/engineChild.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'error',
    });
    return outfile;
  })();
  return bundle;
}

export interface EngineChildRun {
  /** the markers the child printed before it ended */
  lines: string[];
  /** true when it was killed (-9) at the marker */
  killed: boolean;
}

/**
 * Runs the engine in a child process on `dataDir` and kill -9s it when it
 * prints a line starting with `killAt` (or lets it finish when it never does).
 */
export async function runEngineChild(args: { simUrl: string; dataDir: string; apiKey: string; secret: string; startAt: number; live: boolean }, killAt: string): Promise<EngineChildRun> {
  const script = await engineChildBundle();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let killed = false;
    let buffer = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        lines.push(line);
        if (!killed && line.startsWith(killAt)) {
          killed = true;
          child.kill('SIGKILL');
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve({ lines, killed });
      else reject(new Error(`engine child exited ${code}: ${stderr.slice(-800)}`));
    });
  });
}
