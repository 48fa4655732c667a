/**
 * The web host as a program: `npm run web`. Runs the engine headless and serves
 * the dashboard on 127.0.0.1; open the printed address (it carries the token).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LastSnapshotFile } from '../core/bot/LastSnapshotFile';
import { startingSnapshot } from '../core/bot/startingSnapshot';
import { systemClock, systemTimers } from '../core/clock';
import { DEFAULT_SYMBOL } from '../core/defaults';
import { createHostLogger } from '../core/logging/createHostLogger';
import { installCrashReporter } from '../core/logging/installCrashReporter';
import type { Logger } from '../core/logging/Logger';
import { readDataDir } from '../core/readDataDir';
import { DeferredEngine } from './DeferredEngine';
import { describeStartupFailure } from './describeStartupFailure';
import { readWebHostPort } from './readWebHostPort';
import { startWebHost } from './WebHost';

/** How long a start with a saved price waits for a page to ask for it before loading the engine anyway. */
const ENGINE_LOAD_GRACE_MS = 1_000;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** The answer just queued goes out to the socket before the import blocks. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

const here = path.dirname(fileURLToPath(import.meta.url));
// Bundled to dist/web/server.mjs, next to dist/renderer.
const staticDir = path.resolve(here, '../renderer');
const env = process.env;
const dataDir = readDataDir(env);
let logger: Logger | null = null;
let port = 0;

try {
  port = readWebHostPort(env);
  // First what can be wrong with the set-up (LOG_LEVEL, the data dir, the port), before the slow engine start.
  logger = createHostLogger({ env, dataDir });
  // Any local process can talk to this host: an error no request handler caught is logged, and the engine stays up.
  installCrashReporter(process, logger, dataDir, { exitOnUncaughtException: false });
  // Listen and serve the last known price first; the engine, and ccxt (the heaviest module), load behind it (issue 16).
  const hostLogger = logger;
  const lastKnown = await new LastSnapshotFile({ dataDir, symbol: DEFAULT_SYMBOL, clock: systemClock, timers: systemTimers, logger }).load();
  const engine = new DeferredEngine({ placeholder: () => startingSnapshot(DEFAULT_SYMBOL, systemClock, lastKnown), logger });
  const host = await startWebHost({ service: engine, staticDir, port, logger });
  logger.redact(host.token);
  logger.info(`Web host listening on ${host.origin}/ (data in ${dataDir}).`);
  process.stdout.write(`QRL Tray Bot web host: ${host.url}\n`);
  let service: { close(): Promise<void> } | null = null;
  const shutdown = () => void host.close().then(() => service?.close()).then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  // Importing the engine blocks the event loop for most of a second: with a price to show, a page opening now gets it first.
  const engineMayLoad = lastKnown ? Promise.race([engine.placeholderServed.then(nextTurn), delay(ENGINE_LOAD_GRACE_MS)]) : Promise.resolve();
  const ready = engineMayLoad.then(() => import('./startEngine')).then(({ startEngine }) => {
    const started = startEngine({ dataDir, env, logger: hostLogger });
    service = started.service;
    engine.attach(started.service, started.ready);
    return started.ready;
  });
  ready.catch((error: unknown) => engine.fail(error));
  await ready;
} catch (error) {
  const line = describeStartupFailure(error, { port, dataDir });
  logger?.error(`Web host could not start: ${line}`);
  process.stderr.write(`QRL Tray Bot web host could not start: ${logger ? logger.scrub(line) : line}\n`);
  process.exit(1);
}
