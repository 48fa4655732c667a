// Bundles the Node side: the Electron main and preload (CommonJS, as sandboxed
// preloads require), the web host (ESM) and the backtests' worker thread
// (ESM, in dist/backtest: both hosts find it from their own folder, see
// main/core/backtest/backtestWorkerScript.ts). The renderer is built by Vite.
import { build } from 'esbuild';

const external = ['electron', 'keytar', 'ccxt', 'ioredis', 'ws', 'zod'];
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', external };

await Promise.all([
  // backtestWorkerScript.ts reads __dirname there, import.meta.url only in ESM: its empty import.meta is expected.
  build({ ...common, entryPoints: ['main/electron/main.ts'], outfile: 'dist/electron/main.cjs', format: 'cjs', logOverride: { 'empty-import-meta': 'silent' } }),
  // The preload runs sandboxed: it may require only 'electron', so bundle everything else.
  build({ ...common, entryPoints: ['main/electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'] }),
  build({ ...common, entryPoints: ['main/web/server.ts'], outfile: 'dist/web/server.mjs', format: 'esm' }),
  // The worker is self-contained (no bare imports) and unpacked from app.asar (electron-builder.yml):
  // a worker thread then loads from the plain file system, whatever asar support the worker has.
  build({ ...common, entryPoints: ['main/core/backtest/backtestWorker.ts'], outfile: 'dist/backtest/backtestWorker.mjs', format: 'esm', external: [] }),
]);
