import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions } from 'electron';
import { lockNavigation } from './hardenSession';
import { secureWebPreferences } from './secureWebPreferences';

export interface MainWindowOptions {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindowType;
  preloadPath: string;
  rendererFile: string;
}

export function createMainWindow({ BrowserWindow, preloadPath, rendererFile }: MainWindowOptions): BrowserWindowType {
  const window = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: 'QRL Tray Bot',
    webPreferences: secureWebPreferences(preloadPath),
  });
  lockNavigation(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadFile(rendererFile);
  return window;
}
