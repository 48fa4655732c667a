import { KEYCHAIN_SERVICE, KEYCHAIN_TIMEOUT_MS } from './keychainDefaults';
import { KeytarSecretEntry } from './KeytarSecretEntry';
import type { ApiCredentials, SecretStore } from './SecretStore';

export { KEYCHAIN_SERVICE, KEYCHAIN_TIMEOUT_MS };

type Keytar = typeof import('keytar');

/** One keychain entry holds both halves, so a key can never be saved without its secret. */
const ACCOUNT = 'mexc-api';

/**
 * API keys in the OS keychain, as one KeytarSecretEntry: any keychain failure
 * is KeychainUnavailableError, a call that does not answer within the timeout
 * (a locked keyring, a hung D-Bus) is KeychainTimeoutError, and there is no
 * plaintext fallback, ever.
 */
export class KeytarSecretStore implements SecretStore {
  private readonly entry: KeytarSecretEntry;

  constructor(service = KEYCHAIN_SERVICE, loadKeytar?: () => Promise<Keytar>, timeoutMs = KEYCHAIN_TIMEOUT_MS) {
    this.entry = new KeytarSecretEntry(ACCOUNT, service, loadKeytar, timeoutMs);
  }

  async load(): Promise<ApiCredentials | null> {
    const stored = await this.entry.load();
    if (stored === null) return null;
    try {
      const parsed = JSON.parse(stored) as Partial<ApiCredentials>;
      if (typeof parsed.apiKey === 'string' && typeof parsed.secret === 'string') {
        return { apiKey: parsed.apiKey, secret: parsed.secret };
      }
    } catch {
      // fall through: an entry we cannot read is treated as absent, never echoed
    }
    return null;
  }

  async save(credentials: ApiCredentials): Promise<void> {
    await this.entry.save(JSON.stringify({ apiKey: credentials.apiKey, secret: credentials.secret }));
  }

  async clear(): Promise<void> {
    await this.entry.clear();
  }
}
