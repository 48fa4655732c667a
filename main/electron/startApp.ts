import path from 'node:path';
import type * as Electron from 'electron';
import type { View } from '../../shared/contract';
import { BotService } from '../core/bot/BotService';
import { createHostLogger } from '../core/logging/createHostLogger';
import { installCrashReporter } from '../core/logging/installCrashReporter';
import type { Logger } from '../core/logging/Logger';
import { readDataDir } from '../core/readDataDir';
import { KeytarSecretStore } from '../core/secrets/KeytarSecretStore';
import type { SecretStore } from '../core/secrets/SecretStore';
import { alertIfKeychainUnavailable } from './alertIfKeychainUnavailable';
import { APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES } from './appOrigin';
import { APP_NAME } from './appName';
import { applyApplicationMenu } from './applyApplicationMenu';
import { closeEngineOnExit } from './closeEngineOnExit';
import { createAppProtocolHandler } from './createAppProtocolHandler';
import { createMainWindow } from './createMainWindow';
import { hardenSession } from './hardenSession';
import { hideToTrayOnClose } from './hideToTrayOnClose';
import { eventChannel } from './ipcChannels';
import { createSenderCheck } from './createSenderCheck';
import { setLaunchAtLogin, wasLaunchedAtLogin } from './loginItem/launchAtLogin';
import { notifyAlert } from './notifyAlert';
import { forwardEvents } from './forwardEvents';
import { registerIpcHandlers } from './registerIpcHandlers';
import { sendToWindow } from './sendToWindow';
import type { TrayAction } from './tray/presentTray';
import { TrayController } from './tray/TrayController';

export type ElectronModule = Pick<
  typeof Electron,
  'app' | 'BrowserWindow' | 'ipcMain' | 'session' | 'protocol' | 'Tray' | 'Menu' | 'nativeImage' | 'Notification' | 'powerMonitor' | 'dialog'
>;

export interface AppOptions {
  secretStore?: SecretStore;
  /** overrides QRL_DATA_DIR and Electron's userData folder */
  dataDir?: string;
  /** REDIS_URL, MEXC_BASE_URL, LOG_LEVEL, QRL_DATA_DIR, XDG_CONFIG_HOME, APPIMAGE… (process.env by default) */
  env?: NodeJS.ProcessEnv;
  /** process.platform by default: tray icons, menu and login item differ per platform */
  platform?: NodeJS.Platform;
  /** process.argv by default: the login item's --hidden starts the app in the tray */
  argv?: readonly string[];
  /** the process whose uncaught errors are written to crash.log (process by default) */
  process?: NodeJS.Process;
  /** the engine's retry backoff wait (real time by default; tests need not wait it out) */
  sleep?: (ms: number) => Promise<void>;
}

export interface AppPaths {
  /** folder holding main.cjs and preload.cjs once bundled (dist/electron; the renderer is ../renderer) */
  bundleDir: string;
  /** folder holding icon.png and tray/ */
  assetsDir: string;
}

export interface StartedApp {
  service: BotService;
  tray: () => TrayController | null;
  window: () => Electron.BrowserWindow | null;
  showWindow(view?: View): void;
  /** settles once the engine has started behind the tray and window, or once a failed start has shown its dialog */
  ready: Promise<void>;
}

/**
 * The Electron shell, start-up as a table of contents. Electron is passed in,
 * so tests drive it with a fake module. The tray and window come first, in a
 * "starting" state; the engine starts behind them.
 */
export function startApp(electron: ElectronModule, paths: AppPaths, options: AppOptions = {}): StartedApp | null {
  const { app, BrowserWindow, ipcMain, session, protocol, powerMonitor, dialog } = electron;
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  // Before ready, or Electron ignores it: the renderer's own privileged origin.
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

  const dataDir = options.dataDir ?? readDataDir(env, app.getPath('userData'));
  // Before ready is fine for showErrorBox; the quit still closes the engine first (closeEngineOnExit).
  const failStart = (error: unknown, logger: Logger | null) => {
    const message = error instanceof Error ? error.message : String(error);
    const shown = logger ? logger.scrub(message) : message;
    logger?.error(`Start-up failed: ${shown}`);
    dialog.showErrorBox(`${APP_NAME} could not start`, `${shown}\n\nThe app will quit now. Its settings, journal and log are in ${dataDir}.`);
    app.quit();
  };
  let logger: Logger;
  try {
    logger = createHostLogger({ env, dataDir });
  } catch (error) {
    failStart(error, null);
    return null;
  }
  // Uncaught errors go to the log and crash.log, scrubbed of keys; nothing is uploaded anywhere.
  installCrashReporter(options.process ?? process, logger, dataDir);
  const service = new BotService({ secretStore: options.secretStore ?? new KeytarSecretStore(), dataDir, env, logger, sleep: options.sleep });
  const rendererDir = path.resolve(paths.bundleDir, '../renderer');
  const preloadPath = path.resolve(paths.bundleDir, 'preload.cjs');
  let window: Electron.BrowserWindow | null = null;
  let tray: TrayController | null = null;

  const engineExit = closeEngineOnExit({
    app,
    powerMonitor,
    closeEngine: () => service.close(),
    onCloseError: (error) => logger.error(`Closing the engine failed: ${(error as Error).message}`),
  });
  // Answers and events are checked against the contract on the way out; a violation is logged, never sent.
  const reportViolation = (problem: string) => logger.error(problem);
  registerIpcHandlers(ipcMain, service.handlers, createSenderCheck(APP_ORIGIN), reportViolation);
  forwardEvents(service, (channel, payload) => void sendToWindow(window, channel, payload), reportViolation);

  const showWindow = (view?: View) => {
    if (!window || window.isDestroyed()) {
      window = createMainWindow({ BrowserWindow, preloadPath, devTools: !app.isPackaged });
      hideToTrayOnClose(app, window);
      engineExit.watchSessionEnd(window);
    } else {
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
    }
    tray?.markAlertsSeen();
    if (view) sendToWindow(window, eventChannel('navigate'), { view });
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
  // macOS: clicking the dock icon with no window open.
  app.on('activate', () => showWindow());
  // The app lives in the tray: closing every window must not quit it.
  app.on('window-all-closed', () => undefined);
  app.on('web-contents-created', (_event, contents) => contents.on('will-attach-webview', (e) => e.preventDefault()));
  service.onSettingsChange((settings) => {
    // Only a packaged app registers itself to start at login, never a dev build.
    if (!app.isPackaged) return;
    void setLaunchAtLogin({ app, platform, env }, settings.launchAtLogin).catch((error: Error) =>
      service.raiseAlert({ severity: 'warning', kind: 'settings', message: `Launch at login could not be changed: ${error.message}` }),
    );
  });
  const startHidden = wasLaunchedAtLogin({ app, platform }, options.argv ?? process.argv);

  const ready = app
    .whenReady()
    .then(async () => {
      hardenSession(session.defaultSession);
      protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
      applyApplicationMenu({ Menu: electron.Menu, isPackaged: app.isPackaged, platform });
      tray = new TrayController({
        Tray: electron.Tray,
        Menu: electron.Menu,
        nativeImage: electron.nativeImage,
        platform,
        iconsDir: path.join(paths.assetsDir, 'tray'),
        onAction: onTrayAction,
      });
      if (!startHidden) showWindow();
      await Promise.all([service.init(), alertIfKeychainUnavailable(service)]);
      tray.update(service.snapshot());
      // Sleep: drop the daily timer, let a run in flight finish; waking up needs a fresh look.
      powerMonitor.on('suspend', () => void service.handleSystemSuspend());
      powerMonitor.on('resume', () => void service.handleSystemResume());
    })
    .catch((error: unknown) => failStart(error, logger));
  return { service, tray: () => tray, window: () => window, showWindow, ready };
}
