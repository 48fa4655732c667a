/** Where API keys live: the OS keychain in the app; never a file, log or the renderer. */
export interface ApiCredentials {
  apiKey: string;
  secret: string;
}

export interface SecretStore {
  /** null when no keys are saved */
  load(): Promise<ApiCredentials | null>;
  save(credentials: ApiCredentials): Promise<void>;
  clear(): Promise<void>;
}

/** The keychain could not be used; the message says what the user can do. */
export class KeychainUnavailableError extends Error {
  constructor(detail: string) {
    super(
      `The OS keychain is not available (${detail}). API keys are only ever stored in the keychain: ` +
        'unlock or install one (on Linux: gnome-keyring or KWallet with a running Secret Service) and try again.',
    );
    this.name = 'KeychainUnavailableError';
  }
}
