import type { App } from 'electron';
import { APP_ID, APP_NAME } from '../appName';
import { XdgAutostartEntry } from './XdgAutostartEntry';

/** Passed by the login item on Linux and Windows: start in the tray, no window. */
export const HIDDEN_ARG = '--hidden';

export interface LoginItemDeps {
  app: Pick<App, 'setLoginItemSettings' | 'getLoginItemSettings' | 'getPath'>;
  platform: NodeJS.Platform;
  /** XDG_CONFIG_HOME, and APPIMAGE when run from an AppImage */
  env: NodeJS.ProcessEnv;
}

/**
 * Launch at login, per platform: an XDG autostart entry on Linux (Electron's
 * login item does nothing there), the login item on macOS and Windows.
 */
export async function setLaunchAtLogin(deps: LoginItemDeps, enabled: boolean): Promise<void> {
  const { app, platform, env } = deps;
  if (platform === 'linux') {
    const entry = new XdgAutostartEntry({
      configHome: XdgAutostartEntry.configHome(env, app.getPath('home')),
      id: APP_ID,
      name: APP_NAME,
      // An AppImage runs from a temporary mount: the entry must start the AppImage file itself.
      executable: env.APPIMAGE || app.getPath('exe'),
      args: [HIDDEN_ARG],
    });
    await (enabled ? entry.enable() : entry.disable());
    return;
  }
  app.setLoginItemSettings(platform === 'win32' ? { openAtLogin: enabled, args: [HIDDEN_ARG] } : { openAtLogin: enabled });
}

/** Started by the login item: macOS says so itself, Linux and Windows pass HIDDEN_ARG. */
export function wasLaunchedAtLogin(deps: Pick<LoginItemDeps, 'app' | 'platform'>, argv: readonly string[]): boolean {
  if (argv.includes(HIDDEN_ARG)) return true;
  return deps.platform === 'darwin' && deps.app.getLoginItemSettings().wasOpenedAtLogin;
}
