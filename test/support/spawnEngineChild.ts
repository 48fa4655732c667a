import { mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { runUntilMarker, type MarkedRun } from './runUntilMarker';

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

/**
 * Runs the engine in a child process on `dataDir` and kill -9s it when it
 * prints a line starting with `killAt` (or lets it finish when it never does).
 */
export async function runEngineChild(args: { simUrl: string; dataDir: string; apiKey: string; secret: string; startAt: number; live: boolean }, killAt: string): Promise<MarkedRun> {
  return runUntilMarker(await engineChildBundle(), [JSON.stringify(args)], killAt);
}
