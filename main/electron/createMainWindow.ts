import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL } from './appOrigin';
import { APP_NAME } from './appName';
import { lockNavigation } from './hardenSession';
import { secureWebPreferences } from './secureWebPreferences';

export interface MainWindowOptions {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindowType;
  preloadPath: string;
  devTools: boolean;
}

/** The dashboard window, loaded from the app:// origin in development and packaged alike. */
export function createMainWindow({ BrowserWindow, preloadPath, devTools }: MainWindowOptions): BrowserWindowType {
  const window = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: APP_NAME,
    webPreferences: secureWebPreferences(preloadPath, { devTools }),
  });
  lockNavigation(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
