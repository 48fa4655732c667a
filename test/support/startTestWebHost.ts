import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { BotService } from '../../main/core/bot/BotService';
import { MemorySecretStore } from './MemorySecretStore';
import { startWebHost, type WebHost } from '../../main/web/WebHost';

export const BUILT_RENDERER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/renderer');

/** The real web host and engine, serving the renderer `npm test` built first. */
export async function startTestWebHost(service = new BotService({ secretStore: new MemorySecretStore() })): Promise<{ host: WebHost; service: BotService }> {
  if (!existsSync(path.join(BUILT_RENDERER, 'index.html'))) {
    throw new Error('dist/renderer is missing: run `npm run build` (npm test does it first).');
  }
  const host = await startWebHost({ service, staticDir: BUILT_RENDERER });
  return { host, service };
}
