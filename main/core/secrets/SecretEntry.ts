/** One secret string in the keychain under its own account name (e.g. the Redis password); never a file, log or the renderer. */
export interface SecretEntry {
  /** null when nothing is stored */
  load(): Promise<string | null>;
  save(value: string): Promise<void>;
  clear(): Promise<void>;
}
