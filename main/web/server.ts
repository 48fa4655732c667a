/**
 * The web host as a program: `npm run web`. Runs the engine headless and serves
 * the dashboard on 127.0.0.1; open the printed address (it carries the token).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BotService } from '../core/bot/BotService';
import { createHostLogger } from '../core/logging/createHostLogger';
import { installCrashReporter } from '../core/logging/installCrashReporter';
import type { Logger } from '../core/logging/Logger';
import { readDataDir } from '../core/readDataDir';
import { KeytarSecretStore } from '../core/secrets/KeytarSecretStore';
import { describeStartupFailure } from './describeStartupFailure';
import { readWebHostPort } from './readWebHostPort';
import { startWebHost } from './WebHost';

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
  const service = new BotService({ secretStore: new KeytarSecretStore(), dataDir, env, logger });
  const ready = service.init();
  // Awaited below, once the port is ours; until then a failed init must not count as unhandled.
  ready.catch(() => undefined);
  const host = await startWebHost({ service, staticDir, port, logger, ready });
  logger.redact(host.token);
  logger.info(`Web host listening on ${host.origin}/ (data in ${dataDir}).`);
  process.stdout.write(`QRL Tray Bot web host: ${host.url}\n`);
  const shutdown = () => void host.close().then(() => service.close()).then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  await ready;
} catch (error) {
  const line = describeStartupFailure(error, { port, dataDir });
  logger?.error(`Web host could not start: ${line}`);
  process.stderr.write(`QRL Tray Bot web host could not start: ${logger ? logger.scrub(line) : line}\n`);
  process.exit(1);
}
