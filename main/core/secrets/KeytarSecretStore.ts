import { KeychainTimeoutError } from './KeychainTimeoutError';
import { KeychainUnavailableError, type ApiCredentials, type SecretStore } from './SecretStore';

type Keytar = typeof import('keytar');

export const KEYCHAIN_SERVICE = 'qrl-tray-bot';
/** One keychain entry holds both halves, so a key can never be saved without its secret. */
const ACCOUNT = 'mexc-api';
/** How long a keychain call may take before it fails: long enough to type a keyring password, short enough that start-up never hangs. */
export const KEYCHAIN_TIMEOUT_MS = 20_000;

/**
 * API keys in the OS keychain through keytar (libsecret, Keychain, Credential
 * Vault). Any keychain failure becomes KeychainUnavailableError: there is no
 * plaintext fallback, ever. A call that does not answer within the timeout
 * (a locked keyring, a hung D-Bus) becomes KeychainTimeoutError.
 */
export class KeytarSecretStore implements SecretStore {
  constructor(
    private readonly service = KEYCHAIN_SERVICE,
    private readonly loadKeytar: () => Promise<Keytar> = defaultKeytarLoader,
    private readonly timeoutMs = KEYCHAIN_TIMEOUT_MS,
  ) {}

  async load(): Promise<ApiCredentials | null> {
    const stored = await this.call((keytar) => keytar.getPassword(this.service, ACCOUNT));
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
    const value = JSON.stringify({ apiKey: credentials.apiKey, secret: credentials.secret });
    await this.call((keytar) => keytar.setPassword(this.service, ACCOUNT, value));
  }

  async clear(): Promise<void> {
    await this.call((keytar) => keytar.deletePassword(this.service, ACCOUNT));
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

/** Loaded on first use, so a machine without libsecret still starts (and says why keys cannot be saved). */
async function defaultKeytarLoader(): Promise<Keytar> {
  const module = (await import('keytar')) as Keytar & { default?: Keytar };
  return module.default ?? module;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, 200);
}
