import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ApiCredentials, SecretStore } from '../core/secrets/SecretStore';
import { KeytarSecretStore } from '../core/secrets/KeytarSecretStore';
import { createFakeElectron, FakeBrowserWindow, FakeNotification, preventableEvent } from '../../test/support/fakeElectron';
import { MemorySecretStore } from '../../test/support/MemorySecretStore';
import { fakeProcess, SHELL_PATHS, startFakeShell } from '../../test/support/startFakeShell';
import { APP_ENTRY_URL } from './appOrigin';
import { eventChannel } from './ipcChannels';
import { startApp, type ElectronModule } from './startApp';

/** A promise the test settles by hand. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A keychain that answers only when the test says so: the engine's start waits on it. */
class HeldSecretStore implements SecretStore {
  readonly answer = deferred<ApiCredentials | null>();
  load = () => this.answer.promise;
  save = async () => undefined;
  clear = async () => undefined;
}

describe('start-up: tray and window first, then the engine', () => {
  it('shows the tray ("starting") and the window while the engine still waits on the keychain', async () => {
    const keychain = new HeldSecretStore();
    const { started, tray, window } = await startFakeShell({ secretStore: keychain, awaitEngine: false });
    await expect.poll(() => tray()?.tooltip).toBe('QRL Tray Bot · starting…');
    expect(window()?.loadedUrl).toBe(APP_ENTRY_URL);
    let engineStarted = false;
    void started.ready.then(() => (engineStarted = true));
    await Promise.resolve();
    expect(engineStarted).toBe(false);

    keychain.answer.resolve(null);
    await started.ready;
    expect(tray()!.tooltip).toContain('bot stopped');
  });

  it('turns a keychain that does not answer into a critical alert, and starts anyway', async () => {
    const neverAnswers = async () => ({ getPassword: () => new Promise(() => undefined) }) as never;
    const { started, tray } = await startFakeShell({ secretStore: new KeytarSecretStore('qrl-tray-bot-test', neverAnswers, 10) });
    const alert = started.service.snapshot().alerts.find((a) => a.kind === 'keychain');
    expect(alert).toMatchObject({ severity: 'critical', message: expect.stringContaining('no answer within') });
    expect(FakeNotification.instances.map((n) => n.options.title)).toContain('QRL Tray Bot: keychain (critical)');
    expect(tray()!.tooltip).toContain('1 alert');
  });

  it('shows a dialog and quits cleanly when start-up fails', async () => {
    const { electron, started } = await startFakeShell({
      prepare: (fake) => {
        fake.Tray = class {
          constructor() {
            throw new Error('No system tray: install a StatusNotifier host (e.g. gnome-shell-extension-appindicator).');
          }
        } as never;
      },
    });
    expect(started.tray()).toBeNull();
    expect(electron.dialog.errorBoxes).toEqual([
      { title: 'QRL Tray Bot could not start', content: expect.stringContaining('No system tray: install a StatusNotifier host') },
    ]);
    // The first quit waits for the engine to close, the second goes through.
    await expect.poll(() => electron.app.quitCalled).toBe(true);
    expect(electron.app.quitRequests).toBe(2);
  });

  it('says what is wrong with the set-up (a bad LOG_LEVEL) in a dialog before anything starts, and quits', () => {
    const electron = createFakeElectron();
    const started = startApp(electron as unknown as ElectronModule, SHELL_PATHS, { secretStore: new MemorySecretStore(), env: { LOG_LEVEL: 'LOUD' }, process: fakeProcess() as never });
    expect(started).toBeNull();
    expect(electron.dialog.errorBoxes).toEqual([{ title: 'QRL Tray Bot could not start', content: expect.stringMatching(/LOG_LEVEL[\s\S]*The app will quit now/) }]);
    expect(electron.app.quitCalled).toBe(true);
  });

  it('serves the renderer from app:// registered as privileged before ready, handled after', async () => {
    const { electron } = await startFakeShell();
    expect(electron.protocol.registeredBeforeReady).toBe(true);
    expect(electron.protocol.privilegedSchemes).toEqual([expect.objectContaining({ scheme: 'app' })]);
    const response = await electron.protocol.handlers.get('app')!(new Request(APP_ENTRY_URL));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
  });
});

describe('shutdown: quit, log-off and power-off close the engine once', () => {
  it('holds the first quit until the engine has closed, whatever asks for it', async () => {
    const { electron, started, window } = await startFakeShell();
    const closing = deferred();
    const close = vi.spyOn(started.service, 'close').mockImplementation(() => closing.promise);

    electron.app.quit();
    expect(close).toHaveBeenCalledTimes(1);
    expect(electron.app.quitCalled).toBe(false);
    const shutdown = preventableEvent();
    electron.powerMonitor.emit('shutdown', shutdown);
    expect(shutdown.defaultPrevented).toBe(true);
    window()!.emit('session-end');
    expect(close).toHaveBeenCalledTimes(1);

    closing.resolve();
    await expect.poll(() => electron.app.quitCalled).toBe(true);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('still quits when closing the engine fails, and logs why', async () => {
    const { electron, started } = await startFakeShell();
    vi.spyOn(started.service, 'close').mockRejectedValue(new Error('disk full'));
    const logs: string[] = [];
    started.service.on('log', (entry) => logs.push(entry.message));
    electron.app.quit();
    await expect.poll(() => electron.app.quitCalled).toBe(true);
    expect(logs).toContain('Closing the engine failed: disk full');
  });

  it('prepares the engine for sleep, and refreshes it on resume', async () => {
    const { electron, started } = await startFakeShell();
    const suspend = vi.spyOn(started.service, 'handleSystemSuspend');
    const resume = vi.spyOn(started.service, 'handleSystemResume').mockResolvedValue();
    electron.powerMonitor.emit('suspend');
    expect(suspend).toHaveBeenCalledTimes(1);
    await suspend.mock.results[0]!.value;
    electron.powerMonitor.emit('resume');
    expect(resume).toHaveBeenCalledTimes(1);
  });
});

describe('the window', () => {
  it('sends nothing to a destroyed window, and a new one opens on demand', async () => {
    const { started, window } = await startFakeShell();
    const first = window()!;
    first.destroy();
    expect(() => started.service.raiseAlert({ severity: 'info', kind: 'fill', message: 'Bought 1 QRL' })).not.toThrow();
    started.showWindow('orders');
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    expect(window()!.webContents.sent.at(-1)).toEqual({ channel: eventChannel('navigate'), payload: { view: 'orders' } });
  });

  it('comes back when the macOS dock icon is clicked', async () => {
    const { electron, window } = await startFakeShell({ platform: 'darwin' });
    window()!.hide();
    electron.app.emit('activate');
    expect(window()!.visible).toBe(true);
  });

  it.each([
    ['a packaged build on Linux', false, null, true, 'linux'],
    ['a packaged build on macOS', false, ['appMenu', 'editMenu'], true, 'darwin'],
    ['a development build', true, undefined, false, 'linux'],
  ] as const)('%s: DevTools %s, application menu roles %j (none: null, Electron default: undefined)', async (_label, devTools, menuRoles, isPackaged, platform) => {
    const { electron, window } = await startFakeShell({ isPackaged, platform });
    expect(window()!.options.webPreferences).toMatchObject({ devTools });
    const menu = electron.Menu.applicationMenu;
    expect(menu === null || menu === undefined ? menu : menu.template.map((item) => item.role)).toEqual(menuRoles);
  });
});

describe('crash reports', () => {
  it('writes an uncaught error to crash.log in the data folder, with the saved keys scrubbed', async () => {
    const apiKey = 'mx0vCRASHREPORTKEY4242';
    const secret = 'crash-report-secret-0123456789abcdef';
    const keychain = new MemorySecretStore();
    await keychain.save({ apiKey, secret });
    const { electron, proc } = await startFakeShell({ secretStore: keychain });
    proc.emit('uncaughtException', new Error(`boom while signing ${apiKey} with ${secret}`));
    expect(proc.exited).toBe(true);
    const report = readFileSync(path.join(electron.app.userData, 'crash.log'), 'utf8');
    expect(report).toContain('boom while signing [redacted] with [redacted]');
    expect(report).not.toContain(apiKey);
    expect(report).not.toContain(secret);
  });
});
