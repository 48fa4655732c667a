import { KeychainTimeoutError } from './KeychainTimeoutError';
import { KEYCHAIN_SERVICE, KEYCHAIN_TIMEOUT_MS } from './keychainDefaults';
import type { SecretEntry } from './SecretEntry';
import { KeychainUnavailableError } from './SecretStore';

type Keytar = typeof import('keytar');

/**
 * One entry of the app's OS keychain service through keytar, with the same
 * rules as the API keys (KeytarSecretStore): any failure is
 * KeychainUnavailableError, a call that hangs is KeychainTimeoutError, and
 * there is no plaintext fallback.
 */
export class KeytarSecretEntry implements SecretEntry {
  constructor(
    private readonly account: string,
    private readonly service = KEYCHAIN_SERVICE,
    private readonly loadKeytar: () => Promise<Keytar> = defaultKeytarLoader,
    private readonly timeoutMs = KEYCHAIN_TIMEOUT_MS,
  ) {}

  load(): Promise<string | null> {
    return this.call((keytar) => keytar.getPassword(this.service, this.account));
  }

  async save(value: string): Promise<void> {
    await this.call((keytar) => keytar.setPassword(this.service, this.account, value));
  }

  async clear(): Promise<void> {
    await this.call((keytar) => keytar.deletePassword(this.service, this.account));
  }

  private call<T>(operation: (keytar: Keytar) => Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new KeychainTimeoutError(this.timeoutMs)), this.timeoutMs);
    });
    return Promise.race([this.callKeytar(operation), timedOut]).finally(() => clearTimeout(timer));
  }

  private async callKeytar<T>(operation: (keytar: Keytar) => Promise<T>): Promise<T> {
    let keytar: Keytar;
    try {
      keytar = await this.loadKeytar();
    } catch (error) {
      throw new KeychainUnavailableError(`keytar could not load: ${firstLine(error)}`);
    }
    try {
      return await operation(keytar);
    } catch (error) {
      // keytar's messages come from libsecret/D-Bus and never contain the stored value.
      throw new KeychainUnavailableError(firstLine(error));
    }
  }
}

/** Loaded on first use, so a machine without libsecret still starts (and says why nothing can be saved). */
async function defaultKeytarLoader(): Promise<Keytar> {
  const module = (await import('keytar')) as Keytar & { default?: Keytar };
  return module.default ?? module;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, 200);
}
