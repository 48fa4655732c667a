import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { commandNames } from '../../shared/contract';
import { CONTENT_SECURITY_POLICY } from '../../shared/contentSecurityPolicy';
import { createFakeElectron, FakeBrowserWindow, FakeWebContents, ipcEventFrom } from '../../test/support/fakeElectron';
import { OFFLINE_ENV } from '../../test/support/offlineEnv';
import { MemorySecretStore } from '../../test/support/MemorySecretStore';
import { SHELL_PATHS, startFakeShell } from '../../test/support/startFakeShell';
import { APP_ENTRY_URL } from './appOrigin';
import { lockNavigation } from './hardenSession';
import { commandChannel, eventChannel } from './ipcChannels';
import { buildPreloadApi } from './preloadApi';
import { startApp, type ElectronModule } from './startApp';

const appPageUrl = APP_ENTRY_URL;

async function startWithFake() {
  const { electron, started } = await startFakeShell();
  return { electron, started, window: FakeBrowserWindow.instances[0]! };
}

describe('Electron shell (mocked electron)', () => {
  it('registers exactly one validated handler per contract command', async () => {
    const { electron } = await startWithFake();
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(commandNames.map(commandChannel).sort());
    const startBot = electron.ipcMain.handlers.get(commandChannel('startBot'))!;
    expect(await startBot(ipcEventFrom(appPageUrl), { unexpected: 1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD' },
    });
    expect(await startBot(ipcEventFrom(appPageUrl), undefined)).toMatchObject({ ok: true, value: { state: 'running' } });
  });

  it.each([
    ['a foreign origin', ipcEventFrom('https://evil.example/index.html')],
    ['a local file, even the built renderer itself', ipcEventFrom(pathToFileURL(path.resolve('dist/renderer/index.html')).href)],
    ['another host on the app scheme', ipcEventFrom('app://evil.example/index.html')],
    ['a loopback web page', ipcEventFrom('http://127.0.0.1:5178/index.html')],
    ['a subframe of the app page', ipcEventFrom(appPageUrl, { subframe: true })],
    ['no frame at all', { senderFrame: null }],
  ])('refuses an IPC message from %s and leaves the bot untouched', async (_label, event) => {
    const { electron, started } = await startWithFake();
    const startBot = electron.ipcMain.handlers.get(commandChannel('startBot'))!;
    expect(await startBot(event, undefined)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(started.service.snapshot().status.state).toBe('stopped');
  });

  it('opens one hardened window with the preload, loading the renderer from the app:// origin', async () => {
    const { window } = await startWithFake();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(window.loadedUrl).toBe('app://qrl-tray-bot/index.html');
    expect(window.options.webPreferences).toMatchObject({
      preload: path.join(SHELL_PATHS.bundleDir, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('forwards engine events to the window on their contract channel', async () => {
    const { started, window } = await startWithFake();
    await started.service.handlers.startBot(undefined);
    expect(window.webContents.sent.map((m) => m.channel)).toContain(eventChannel('snapshot'));
  });

  it('quits when another instance holds the lock, and a second launch restores the window', async () => {
    const blocked = createFakeElectron();
    blocked.app.hasLock = false;
    expect(startApp(blocked as unknown as ElectronModule, SHELL_PATHS, { secretStore: new MemorySecretStore(), env: OFFLINE_ENV })).toBeNull();
    expect(blocked.app.quitCalled).toBe(true);

    const { electron, window } = await startWithFake();
    window.hide();
    window.minimized = true;
    electron.app.emit('second-instance');
    expect(window).toMatchObject({ visible: true, minimized: false, focused: true });
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('sets a strict CSP and denies every permission request', async () => {
    const { electron } = await startWithFake();
    const session = electron.session.defaultSession;
    const response = vi.fn();
    session.headersListener!({ responseHeaders: { 'X-Other': ['1'] } }, response);
    expect(response).toHaveBeenCalledWith({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
    const granted = vi.fn();
    session.permissionRequestHandler!(null, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(session.permissionCheckHandler!()).toBe(false);
  });

  it('denies new windows and blocks navigation', () => {
    const contents = new FakeWebContents();
    lockNavigation(contents as never);
    expect(contents.windowOpenHandler!({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
    const navigate = { preventDefault: vi.fn() };
    contents.emit('will-navigate', navigate);
    expect(navigate.preventDefault).toHaveBeenCalled();
  });
});

describe('preload window.api', () => {
  it('has one method per command that invokes its own channel, and nothing generic', async () => {
    const invoke = vi.fn(async () => ({ ok: true, value: null }));
    const api = buildPreloadApi({ invoke, on: vi.fn(), removeListener: vi.fn() } as never);
    expect(Object.keys(api).sort()).toEqual([...commandNames, 'on'].sort());
    await api.startBot();
    expect(invoke).toHaveBeenCalledWith(commandChannel('startBot'), undefined);
  });

  it('subscribes to contract events only, hands over the payload alone, and unsubscribes', () => {
    const on = vi.fn();
    const removeListener = vi.fn();
    const api = buildPreloadApi({ invoke: vi.fn(), on, removeListener } as never);
    const listener = vi.fn();
    const unsubscribe = api.on('snapshot', listener);
    const forward = on.mock.calls[0]![1] as (event: unknown, payload: unknown) => void;
    forward({ sender: 'secret internals' }, { version: 1 });
    expect(listener).toHaveBeenCalledWith({ version: 1 });
    unsubscribe();
    expect(removeListener).toHaveBeenCalledWith(eventChannel('snapshot'), forward);
    expect(() => api.on('ipc-anything' as never, listener)).toThrow('Unknown event');
  });

  it('exposes that object as window.api through contextBridge (mocked electron module)', async () => {
    const exposeInMainWorld = vi.fn();
    vi.doMock('electron', () => ({ contextBridge: { exposeInMainWorld }, ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() } }));
    await import('./preload');
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [key, api] = exposeInMainWorld.mock.calls[0]!;
    expect(key).toBe('api');
    expect(Object.keys(api as object)).toEqual(expect.arrayContaining(commandNames));
    vi.doUnmock('electron');
  });
});
