// Runs the TypeScript sweep worker from source (unit tests, `npm run sim`-style tsx runs):
// node's worker threads cannot load .ts themselves. The built app loads dist/backtest/backtestWorker.mjs.
import { tsImport } from 'tsx/esm/api';

await tsImport('./backtestWorker.ts', import.meta.url);
