import { KeytarSecretStore } from '../../main/core/secrets/KeytarSecretStore';

/** Whether keytar can reach a Secret Service here (CI runs tests in a dbus session with gnome-keyring). */
export async function keychainAvailable(): Promise<boolean> {
  try {
    await new KeytarSecretStore('qrl-tray-bot-probe').load();
    return true;
  } catch {
    return false;
  }
}
