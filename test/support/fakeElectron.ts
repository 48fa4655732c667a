/**
 * A small stand-in for the parts of Electron the shell uses, so its logic runs
 * in plain Node under Vitest (the Electron binary cannot run everywhere).
 * Test-only: nothing in the app imports it.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export class FakeWebContents extends EventEmitter {
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedFile: string | null = null;
  visible = false;
  minimized = false;
  destroyed = false;
  focused = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  loadFile(file: string) {
    this.loadedFile = file;
    return Promise.resolve();
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {
    this.focused = true;
  }
  restore() {
    this.minimized = false;
  }
  isMinimized() {
    return this.minimized;
  }
  isDestroyed() {
    return this.destroyed;
  }
  isVisible() {
    return this.visible;
  }
}

export class FakeIpcMain {
  readonly handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
  handle(channel: string, handler: (event: unknown, input: unknown) => Promise<unknown>) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
}

export class FakeApp extends EventEmitter {
  hasLock = true;
  quitCalled = false;
  isPackaged = true;
  loginItem: { openAtLogin?: boolean; openAsHidden?: boolean } = {};
  userData = '';
  getPath(name: string) {
    if (name !== 'userData') throw new Error(`unexpected getPath(${name})`);
    return this.userData;
  }
  setLoginItemSettings(settings: { openAtLogin?: boolean; openAsHidden?: boolean }) {
    this.loginItem = settings;
  }
  private readyResolve!: () => void;
  private readonly ready = new Promise<void>((resolve) => (this.readyResolve = resolve));
  requestSingleInstanceLock() {
    return this.hasLock;
  }
  quit() {
    this.quitCalled = true;
  }
  whenReady() {
    return this.ready;
  }
  fireReady() {
    this.readyResolve();
    return this.ready;
  }
}

export class FakeSession {
  headersListener: ((details: { responseHeaders?: Record<string, string[]> }, callback: (response: unknown) => void) => void) | null = null;
  permissionRequestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  permissionCheckHandler: (() => boolean) | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: NonNullable<FakeSession['headersListener']>) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: NonNullable<FakeSession['permissionRequestHandler']>) {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: () => boolean) {
    this.permissionCheckHandler = handler;
  }
}

export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  image: { path: string };
  tooltip = '';
  menu: { template: { label?: string; type?: string; enabled?: boolean; click?: () => void }[] } | null = null;
  imageChanges = 0;
  menuBuilds = 0;
  constructor(image: { path: string }) {
    super();
    this.image = image;
    FakeTray.instances.push(this);
  }
  setImage(image: { path: string }) {
    this.image = image;
    this.imageChanges += 1;
  }
  setToolTip(tooltip: string) {
    this.tooltip = tooltip;
  }
  setContextMenu(menu: FakeTray['menu']) {
    this.menu = menu;
    this.menuBuilds += 1;
  }
  destroy() {}
  /** Click the context-menu item with this label, as a user would. */
  clickMenu(label: string) {
    const item = this.menu?.template.find((entry) => entry.label === label);
    if (!item?.click) throw new Error(`no clickable menu item "${label}"`);
    item.click();
  }
}

export class FakeNotification extends EventEmitter {
  static instances: FakeNotification[] = [];
  static supported = true;
  shown = false;
  constructor(readonly options: { title?: string; body?: string; urgency?: string; silent?: boolean }) {
    super();
    FakeNotification.instances.push(this);
  }
  static isSupported() {
    return FakeNotification.supported;
  }
  show() {
    this.shown = true;
  }
}

export function createFakeElectron(userData = mkdtempSync(path.join(tmpdir(), 'qtb-userdata-'))) {
  FakeBrowserWindow.instances = [];
  FakeTray.instances = [];
  FakeNotification.instances = [];
  FakeNotification.supported = true;
  const defaultSession = new FakeSession();
  const app = new FakeApp();
  app.userData = userData;
  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: new FakeIpcMain(),
    session: { defaultSession },
    Tray: FakeTray,
    Menu: { buildFromTemplate: (template: FakeTray['menu'] extends infer M ? (M extends { template: infer T } ? T : never) : never) => ({ template }) },
    nativeImage: { createFromPath: (path: string) => ({ path }) },
    Notification: FakeNotification,
    powerMonitor: new EventEmitter(),
  };
}

/** An IPC event as Electron delivers it, from a frame at `url`. */
export function ipcEventFrom(url: string, options: { subframe?: boolean } = {}) {
  return { senderFrame: { url, parent: options.subframe ? { url } : null } };
}
