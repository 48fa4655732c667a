import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Electron from 'electron';
import { eventNames } from '../../shared/contract';
import { BotService } from '../core/bot/BotService';
import { createMainWindow } from './createMainWindow';
import { hardenSession } from './hardenSession';
import { eventChannel } from './ipcChannels';
import { createSenderCheck } from './isTrustedSender';
import { registerIpcHandlers } from './registerIpcHandlers';

export type ElectronModule = Pick<typeof Electron, 'app' | 'BrowserWindow' | 'ipcMain' | 'session'>;

export interface AppPaths {
  /** folder holding main.cjs and preload.cjs once bundled */
  bundleDir: string;
}

/**
 * The Electron shell, start-up as a table of contents. Electron is passed in,
 * so tests drive it with a fake module.
 */
export function startApp(electron: ElectronModule, paths: AppPaths): { service: BotService } | null {
  const { app, BrowserWindow, ipcMain, session } = electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  const service = new BotService();
  const rendererFile = path.resolve(paths.bundleDir, '../renderer/index.html');
  const preloadPath = path.resolve(paths.bundleDir, 'preload.cjs');
  let window: Electron.BrowserWindow | null = null;

  registerIpcHandlers(ipcMain, service.handlers, createSenderCheck(pathToFileURL(rendererFile).href));
  for (const event of eventNames) {
    service.on(event, (payload) => window?.webContents.send(eventChannel(event), payload));
  }

  const showWindow = () => {
    if (!window || window.isDestroyed()) {
      window = createMainWindow({ BrowserWindow, preloadPath, rendererFile });
      return;
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  app.on('second-instance', showWindow);
  app.on('web-contents-created', (_event, contents) => contents.on('will-attach-webview', (e) => e.preventDefault()));
  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    showWindow();
  });
  return { service };
}
