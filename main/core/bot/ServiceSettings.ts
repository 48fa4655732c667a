import { ContractFailure } from '../../../shared/contract';
import { defaultSettings, settingsProblems, type Settings } from '../../../shared/settings';
import type { AlertInput } from '../alerts/AlertCenter';
import type { Logger } from '../logging/Logger';
import { moveRedisPasswordToKeychain } from '../secrets/moveRedisPasswordToKeychain';
import type { SettingsStore } from '../settings/SettingsStore';
import type { ExchangeSession } from './ExchangeSession';

// Why a module of its own: loading, validating, securing and announcing settings is one job, apart from the commands.

export interface ServiceSettingsOptions {
  /** null without a data folder: settings then live in memory */
  store: SettingsStore | null;
  session: ExchangeSession;
  logger: Logger;
  raiseAlert(alert: AlertInput): void;
}

/** The engine's current settings: on disk when there is a data folder, in memory otherwise; listeners hear every change. */
export class ServiceSettings {
  private inMemory: Settings = defaultSettings();
  private readonly listeners = new Set<(settings: Settings) => void>();

  constructor(private readonly options: ServiceSettingsOptions) {}

  get value(): Settings {
    return this.options.store?.settings ?? this.inMemory;
  }

  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Loads what is on disk; a damaged file is reported, never fatal. Then tells every listener. */
  async load(): Promise<void> {
    const { store, session, logger } = this.options;
    if (store) {
      const { problem } = await store.load();
      if (problem) {
        logger.error(problem);
        this.options.raiseAlert({ severity: 'critical', kind: 'settings', message: problem });
      }
      await moveRedisPasswordToKeychain(store, session.redisPassword, logger);
    }
    this.announce(this.value);
  }

  /** Validates, moves the Redis password to the keychain, writes, rebuilds the exchange session, tells every listener. */
  async save(next: Settings): Promise<Settings> {
    const { store, session, logger } = this.options;
    const problems = settingsProblems(next);
    if (problems.length > 0) {
      throw new ContractFailure('INVALID_PAYLOAD', `Invalid settings: ${problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('; ')}`);
    }
    // The Redis password goes to the keychain before anything is written (issue 14).
    const secured = await session.redisPassword.secure(next, this.value);
    const saved = store ? await store.save(secured) : (this.inMemory = secured);
    logger.info('Settings saved.');
    await session.rebuild(saved);
    this.announce(saved);
    return saved;
  }

  private announce(settings: Settings): void {
    this.listeners.forEach((listener) => listener(settings));
  }
}
