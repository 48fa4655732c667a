import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where main/build/bundle.mjs puts the worker, beside dist/web and dist/electron. */
export const BUILT_BACKTEST_WORKER = path.join('backtest', 'backtestWorker.mjs');

// The engine runs bundled as ESM (dist/web/server.mjs: import.meta.url) and as CommonJS
// (dist/electron/main.cjs: __dirname), and from source in tests.
const thisDir = (): string => (typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url)));

/**
 * The sweep worker's script: the built one next to the running bundle
 * (dist/<web|electron>/ → dist/backtest/), else, running from source, the
 * TypeScript one through tsx.
 */
export function backtestWorkerScript(here: string = thisDir()): string {
  // dist/<host>/ for a single-file bundle, dist/web/chunks/ for the web host's split one.
  const candidates = [path.resolve(here, '..', BUILT_BACKTEST_WORKER), path.resolve(here, '..', '..', BUILT_BACKTEST_WORKER)];
  const built = candidates.find((file) => existsSync(file));
  if (built) return outsideAsar(built);
  const source = path.join(here, 'backtestWorkerFromSource.mjs');
  if (existsSync(source)) return source;
  throw new Error(`The backtest sweep worker is missing (looked for ${candidates.join(' and ')}): run \`npm run build\`.`);
}

/**
 * In the packaged app the worker is unpacked (electron-builder.yml asarUnpack):
 * hand the thread the real file, not its path inside the archive.
 */
export function outsideAsar(file: string): string {
  return file.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
}
