import { KeytarSecretStore } from '../../main/core/secrets/KeytarSecretStore';
import { missingToolReason } from './requiredTool';

/** Whether keytar can reach a Secret Service here (CI runs tests in a dbus session with gnome-keyring). */
export async function keychainAvailable(): Promise<boolean> {
  try {
    await new KeytarSecretStore('qrl-tray-bot-probe').load();
    return true;
  } catch {
    return false;
  }
}

/** Why the keychain tests cannot run here (null: they can); in CI, an error instead (requiredTool). */
export async function missingKeychainReason(): Promise<string | null> {
  return missingToolReason('an OS keychain (Secret Service)', await keychainAvailable(), 'run inside dbus-run-session with gnome-keyring unlocked, as .ci/run does');
}
