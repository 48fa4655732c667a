/**
 * The web host as a program: `npm run web`. Runs the engine headless and serves
 * the dashboard on 127.0.0.1; open the printed address (it carries the token).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BotService } from '../core/bot/BotService';
import { KeytarSecretStore } from '../core/secrets/KeytarSecretStore';
import { readDataDir } from '../core/readDataDir';
import { readWebHostPort } from './readWebHostPort';
import { startWebHost } from './WebHost';

const here = path.dirname(fileURLToPath(import.meta.url));
// Bundled to dist/web/server.mjs, next to dist/renderer.
const staticDir = path.resolve(here, '../renderer');

const service = new BotService({ secretStore: new KeytarSecretStore(), dataDir: readDataDir(process.env), env: process.env });
await service.init();
const host = await startWebHost({ service, staticDir, port: readWebHostPort(process.env) });
process.stdout.write(`QRL Tray Bot web host: ${host.url}\n`);

const shutdown = () => void host.close().then(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
