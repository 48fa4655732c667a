import type { ApiCredentials, SecretStore } from '../../main/core/secrets/SecretStore';
import { KeychainUnavailableError } from '../../main/core/secrets/SecretStore';

/**
 * For suites about other things than the keychain (the keychain itself is
 * tested against a real Secret Service). `unavailable` mimics a machine with none.
 */
export class MemorySecretStore implements SecretStore {
  unavailable = false;
  private stored: ApiCredentials | null = null;

  async load() {
    this.check();
    return this.stored ? { ...this.stored } : null;
  }
  async save(credentials: ApiCredentials) {
    this.check();
    this.stored = { ...credentials };
  }
  async clear() {
    this.check();
    this.stored = null;
  }
  private check() {
    if (this.unavailable) throw new KeychainUnavailableError('no Secret Service on this test machine');
  }
}
