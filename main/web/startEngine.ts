import { BotService } from '../core/bot/BotService';
import type { Logger } from '../core/logging/Logger';
import { KeytarSecretStore } from '../core/secrets/KeytarSecretStore';

// Why a module of its own: the web host imports it dynamically, so the engine and ccxt load after the host listens (issue 16).

/** The engine with the OS keychain, its init under way. */
export function startEngine(options: { dataDir: string; env: NodeJS.ProcessEnv; logger: Logger }): { service: BotService; ready: Promise<void> } {
  const service = new BotService({ secretStore: new KeytarSecretStore(), ...options });
  return { service, ready: service.init() };
}
