import { KeychainUnavailableError } from './SecretStore';

/** The keychain did not answer in time: usually a locked keyring waiting for its password. */
export class KeychainTimeoutError extends KeychainUnavailableError {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${Math.round(timeoutMs / 1000)} s; a locked keyring may be waiting for its password`);
    this.name = 'KeychainTimeoutError';
  }
}
