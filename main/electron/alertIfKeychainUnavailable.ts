import { ContractFailure } from '../../shared/contract';
import type { BotService } from '../core/bot/BotService';

/**
 * At start-up, ask the keychain once: a locked or missing one (or one that
 * times out) becomes a critical alert with what to do, in the tray, as a
 * notification and on the page, instead of keys that silently never load.
 */
export async function alertIfKeychainUnavailable(service: Pick<BotService, 'handlers' | 'raiseAlert'>): Promise<void> {
  try {
    await service.handlers.getApiKeyStatus(undefined);
  } catch (error) {
    if (!(error instanceof ContractFailure) || error.code !== 'KEYCHAIN_UNAVAILABLE') throw error;
    service.raiseAlert({ severity: 'critical', kind: 'keychain', message: error.message });
  }
}
