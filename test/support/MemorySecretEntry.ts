import type { SecretEntry } from '../../main/core/secrets/SecretEntry';
import { KeychainUnavailableError } from '../../main/core/secrets/SecretStore';

/** One keychain entry in memory (e.g. the Redis password) for suites about other things; `unavailable` mimics a machine with no keychain. */
export class MemorySecretEntry implements SecretEntry {
  unavailable = false;
  value: string | null = null;

  async load() {
    this.check();
    return this.value;
  }
  async save(value: string) {
    this.check();
    this.value = value;
  }
  async clear() {
    this.check();
    this.value = null;
  }
  private check() {
    if (this.unavailable) throw new KeychainUnavailableError('no Secret Service on this test machine');
  }
}
