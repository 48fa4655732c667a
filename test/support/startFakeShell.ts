import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { SecretStore } from '../../main/core/secrets/SecretStore';
import { startApp, type ElectronModule, type StartedApp } from '../../main/electron/startApp';
import { createFakeElectron, FakeBrowserWindow, FakeTray } from './fakeElectron';
import { MemorySecretStore } from './MemorySecretStore';
import { OFFLINE_ENV } from './offlineEnv';

export const SHELL_PATHS = { bundleDir: path.resolve('dist/electron'), assetsDir: path.resolve('main/electron/assets') };

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/** A stand-in for `process`: uncaught errors can be emitted, and exit is recorded instead of done. */
export function fakeProcess() {
  return Object.assign(new EventEmitter(), {
    exitCode: 0 as number | undefined,
    exited: false,
    exit() {
      this.exited = true;
    },
  });
}

export interface ShellOptions {
  platform?: NodeJS.Platform;
  argv?: string[];
  isPackaged?: boolean;
  env?: NodeJS.ProcessEnv;
  secretStore?: SecretStore;
  /** change the fake before start-up (a Tray that throws, saved settings, …) */
  prepare?(electron: FakeElectron): void | Promise<void>;
  /** false: return as soon as ready has fired, without waiting for the engine to start */
  awaitEngine?: boolean;
}

/**
 * The Electron shell (startApp) on the fake electron module, on Linux by
 * default, offline, with keys in memory and a fake process for the crash reporter.
 */
export async function startFakeShell(options: ShellOptions = {}) {
  const electron = createFakeElectron();
  electron.app.isPackaged = options.isPackaged ?? true;
  await options.prepare?.(electron);
  const proc = fakeProcess();
  const started = startApp(electron as unknown as ElectronModule, SHELL_PATHS, {
    secretStore: options.secretStore ?? new MemorySecretStore(),
    env: { ...OFFLINE_ENV, ...options.env },
    platform: options.platform ?? 'linux',
    argv: options.argv ?? [],
    process: proc as unknown as NodeJS.Process,
    // MEXC is a closed port here: retries fail at once, so backoff waits would only slow the suite.
    sleep: async () => undefined,
  }) as StartedApp;
  void electron.app.fireReady();
  if (options.awaitEngine !== false) await started.ready;
  return {
    electron,
    started,
    proc,
    window: () => FakeBrowserWindow.instances.at(-1),
    tray: () => FakeTray.instances.at(-1),
  };
}
