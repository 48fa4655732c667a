import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Electron from 'electron';
import { eventNames, type View } from '../../shared/contract';
import { BotService } from '../core/bot/BotService';
import { readDataDir } from '../core/readDataDir';
import { KeytarSecretStore } from '../core/secrets/KeytarSecretStore';
import type { SecretStore } from '../core/secrets/SecretStore';
import { createMainWindow } from './createMainWindow';
import { hardenSession } from './hardenSession';
import { hideToTrayOnClose } from './hideToTrayOnClose';
import { eventChannel } from './ipcChannels';
import { createSenderCheck } from './isTrustedSender';
import { notifyAlert } from './notifyAlert';
import { registerIpcHandlers } from './registerIpcHandlers';
import type { TrayAction } from './tray/presentTray';
import { TrayController } from './tray/TrayController';

export type ElectronModule = Pick<
  typeof Electron,
  'app' | 'BrowserWindow' | 'ipcMain' | 'session' | 'Tray' | 'Menu' | 'nativeImage' | 'Notification' | 'powerMonitor'
>;

export interface AppOptions {
  secretStore?: SecretStore;
  /** overrides QRL_DATA_DIR and Electron's userData folder */
  dataDir?: string;
  /** REDIS_URL, MEXC_BASE_URL, … (process.env by default) */
  env?: NodeJS.ProcessEnv;
}

export interface AppPaths {
  /** folder holding main.cjs and preload.cjs once bundled */
  bundleDir: string;
  /** folder holding icon.png and tray/ */
  assetsDir: string;
}

export interface StartedApp {
  service: BotService;
  tray: () => TrayController | null;
  showWindow(view?: View): void;
  /** settles once the app is up: settings loaded, tray and window shown */
  ready: Promise<void>;
}

/**
 * The Electron shell, start-up as a table of contents. Electron is passed in,
 * so tests drive it with a fake module.
 */
export function startApp(
  electron: ElectronModule,
  paths: AppPaths,
  options: AppOptions = {},
): StartedApp | null {
  const { app, BrowserWindow, ipcMain, session, powerMonitor } = electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  const service = new BotService({
    secretStore: options.secretStore ?? new KeytarSecretStore(),
    dataDir: options.dataDir ?? readDataDir(process.env, app.getPath('userData')),
    env: options.env ?? process.env,
  });
  const rendererFile = path.resolve(paths.bundleDir, '../renderer/index.html');
  const preloadPath = path.resolve(paths.bundleDir, 'preload.cjs');
  let window: Electron.BrowserWindow | null = null;
  let tray: TrayController | null = null;

  registerIpcHandlers(ipcMain, service.handlers, createSenderCheck(pathToFileURL(rendererFile).href));
  for (const event of eventNames) {
    service.on(event, (payload) => window?.webContents.send(eventChannel(event), payload));
  }

  const showWindow = (view?: View) => {
    if (!window || window.isDestroyed()) {
      window = createMainWindow({ BrowserWindow, preloadPath, rendererFile });
      hideToTrayOnClose(app, window);
    } else {
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
    }
    tray?.markAlertsSeen();
    if (view) window.webContents.send(eventChannel('navigate'), { view });
  };

  const onTrayAction = (action: TrayAction) => {
    if (action === 'open') return showWindow();
    if (action === 'quit') return app.quit();
    void service.handlers[action](undefined).catch(() => undefined); // the snapshot shows the outcome
  };

  service.on('snapshot', (snapshot) => tray?.update(snapshot));
  service.on('alert', (alert) => {
    tray?.noteAlert();
    notifyAlert(alert, { Notification: electron.Notification, open: showWindow });
  });

  app.on('second-instance', () => showWindow());
  // The app lives in the tray: closing every window must not quit it.
  app.on('window-all-closed', () => undefined);
  app.on('web-contents-created', (_event, contents) => contents.on('will-attach-webview', (e) => e.preventDefault()));
  service.onSettingsChange((settings) => {
    // Only a packaged app should register itself to start at login, never a dev build.
    if (app.isPackaged) app.setLoginItemSettings({ openAtLogin: settings.launchAtLogin });
  });
  const ready = app.whenReady().then(async () => {
    await service.init();
    hardenSession(session.defaultSession);
    tray = new TrayController({
      Tray: electron.Tray,
      Menu: electron.Menu,
      nativeImage: electron.nativeImage,
      platform: process.platform,
      iconsDir: path.join(paths.assetsDir, 'tray'),
      onAction: onTrayAction,
    });
    tray.update(service.snapshot());
    powerMonitor.on('resume', () => void service.handleSystemResume());
    showWindow();
  });
  return { service, tray: () => tray, showWindow, ready };
}
