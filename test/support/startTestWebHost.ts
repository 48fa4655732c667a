import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { BotService } from '../../main/core/bot/BotService';
import { ContractViolations } from './ContractViolations';
import { MemorySecretStore } from './MemorySecretStore';
import { startWebHost, type WebHost } from '../../main/web/WebHost';

export const BUILT_RENDERER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/renderer');

/** The real web host and engine, serving the renderer `npm test` built first; closing it fails if the engine ever broke the contract. */
export async function startTestWebHost(service = new BotService({ secretStore: new MemorySecretStore() })): Promise<{ host: WebHost; service: BotService }> {
  if (!existsSync(path.join(BUILT_RENDERER, 'index.html'))) {
    throw new Error('dist/renderer is missing: run `npm run build` (npm test does it first).');
  }
  const violations = new ContractViolations(service.logger);
  const host = await startWebHost({ service, staticDir: BUILT_RENDERER, reportViolation: violations.report });
  const close = async () => {
    await host.close();
    violations.assertNone();
  };
  return { host: { ...host, close }, service };
}
