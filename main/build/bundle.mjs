// Bundles the Node side: the Electron main and preload (CommonJS, as sandboxed
// preloads require), the web host (ESM) and the backtests' worker thread
// (ESM, in dist/backtest: both hosts find it from their own folder, see
// main/core/backtest/backtestWorkerScript.ts). The renderer is built by Vite.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const external = ['electron', 'keytar', 'ccxt', 'ioredis', 'ws', 'zod'];
/**
 * The web host takes ccxt's mexc alone (main/web/ccxtMexcOnly.ts): its index loads every exchange,
 * ~85 MB of RSS the host never uses (issue 16). Electron's CommonJS bundle keeps the whole index:
 * the alias needs top-level await.
 */
const ccxtMexcOnly = {
  name: 'ccxt-mexc-only',
  setup(bundle) {
    bundle.onResolve({ filter: /^ccxt$/ }, () => ({ path: path.resolve('main/web/ccxtMexcOnly.ts') }));
  },
};
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', external };

// The web host is split into hashed chunks: old ones must not pile up.
rmSync('dist/web', { recursive: true, force: true });
await Promise.all([
  // backtestWorkerScript.ts reads __dirname there, import.meta.url only in ESM: its empty import.meta is expected.
  build({ ...common, entryPoints: ['main/electron/main.ts'], outfile: 'dist/electron/main.cjs', format: 'cjs', logOverride: { 'empty-import-meta': 'silent' } }),
  // The preload runs sandboxed: it may require only 'electron', so bundle everything else.
  build({ ...common, entryPoints: ['main/electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'] }),
  // Split, so the engine (and ccxt) the web host imports dynamically load after it listens (issue 16).
  build({ ...common, entryPoints: { server: 'main/web/server.ts' }, outdir: 'dist/web', outExtension: { '.js': '.mjs' }, chunkNames: 'chunks/[name]-[hash]', splitting: true, format: 'esm', plugins: [ccxtMexcOnly] }),
  // The worker is self-contained (no bare imports) and unpacked from app.asar (electron-builder.yml):
  // a worker thread then loads from the plain file system, whatever asar support the worker has.
  build({ ...common, entryPoints: ['main/core/backtest/backtestWorker.ts'], outfile: 'dist/backtest/backtestWorker.mjs', format: 'esm', external: [] }),
]);
