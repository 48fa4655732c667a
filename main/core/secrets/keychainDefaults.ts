/** The app's service name in the OS keychain: every entry (API keys, Redis password) lives under it. */
export const KEYCHAIN_SERVICE = 'qrl-tray-bot';
/** How long a keychain call may take before it fails: long enough to type a keyring password, short enough that start-up never hangs. */
export const KEYCHAIN_TIMEOUT_MS = 20_000;
