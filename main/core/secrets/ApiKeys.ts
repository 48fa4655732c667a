import type { ApiKeyStatus } from '../../../shared/contract';
import { guardKeychain } from './guardKeychain';
import { maskApiKey } from './maskApiKey';
import type { ApiCredentials, SecretStore } from './SecretStore';

/**
 * The engine's view of the API keys: the page can save, clear and see a masked
 * key; only the exchange client builder ever reads the secret.
 */
export class ApiKeys {
  private readonly changeListeners = new Set<() => void>();

  constructor(private readonly store: SecretStore) {}

  async status(): Promise<ApiKeyStatus> {
    const credentials = await guardKeychain(() => this.store.load());
    return { configured: credentials !== null, maskedKey: credentials ? maskApiKey(credentials.apiKey) : null };
  }

  async save(credentials: ApiCredentials): Promise<ApiKeyStatus> {
    await guardKeychain(() => this.store.save(credentials));
    this.changeListeners.forEach((listener) => listener());
    return { configured: true, maskedKey: maskApiKey(credentials.apiKey) };
  }

  async clear(): Promise<ApiKeyStatus> {
    await guardKeychain(() => this.store.clear());
    this.changeListeners.forEach((listener) => listener());
    return { configured: false, maskedKey: null };
  }

  /** For building the exchange client only: never pass the result to a log, event or error. */
  async credentials(): Promise<ApiCredentials | null> {
    return guardKeychain(() => this.store.load());
  }

  /** Called after keys are saved or cleared, so the exchange client is rebuilt. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }
}
