/**
 * A small stand-in for the parts of Electron the shell uses, so its logic runs
 * in plain Node under Vitest (the Electron binary cannot run everywhere).
 * Test-only: nothing in the app imports it.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** An Electron event whose default can be prevented (before-quit, close, shutdown). */
export function preventableEvent() {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

export class FakeWebContents extends EventEmitter {
  readonly sent: { channel: string; payload: unknown }[] = [];
  destroyed = false;
  isDestroyed() {
    return this.destroyed;
  }
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown) {
    // Electron throws here once the page is gone: so does the fake.
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, payload });
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  visible = false;
  minimized = false;
  destroyed = false;
  focused = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  /** What Electron does when the window is really closed: the window and its page are gone. */
  destroy() {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
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
  /** true once a quit went through: no before-quit listener held it back */
  quitCalled = false;
  quitRequests = 0;
  isPackaged = true;
  loginItem: { openAtLogin?: boolean; args?: string[] } = {};
  wasOpenedAtLogin = false;
  readonly paths: Record<string, string>;
  isReadyNow = false;
  constructor(userData: string) {
    super();
    const home = mkdtempSync(path.join(tmpdir(), 'qtb-home-'));
    this.paths = { userData, home, exe: '/opt/QRL Tray Bot/qrl-tray-bot' };
  }
  get userData() {
    return this.paths.userData!;
  }
  getPath(name: string) {
    const found = this.paths[name];
    if (found === undefined) throw new Error(`unexpected getPath(${name})`);
    return found;
  }
  setLoginItemSettings(settings: { openAtLogin?: boolean; args?: string[] }) {
    this.loginItem = settings;
  }
  getLoginItemSettings() {
    return { openAtLogin: this.loginItem.openAtLogin ?? false, wasOpenedAtLogin: this.wasOpenedAtLogin };
  }
  private readyResolve!: () => void;
  private readonly ready = new Promise<void>((resolve) => (this.readyResolve = resolve));
  requestSingleInstanceLock() {
    return this.hasLock;
  }
  /** As Electron does: before-quit first, and a listener may prevent the quit. */
  quit() {
    this.quitRequests += 1;
    const event = preventableEvent();
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.quitCalled = true;
  }
  isReady() {
    return this.isReadyNow;
  }
  whenReady() {
    return this.ready;
  }
  fireReady() {
    this.isReadyNow = true;
    this.readyResolve();
    return this.ready;
  }
}

export class FakeProtocol {
  privilegedSchemes: { scheme: string; privileges?: Record<string, boolean> }[] = [];
  /** Electron accepts privileged schemes only before ready: the fake records when they came. */
  registeredBeforeReady: boolean | null = null;
  readonly handlers = new Map<string, (request: Request) => Promise<Response> | Response>();
  constructor(private readonly app: FakeApp) {}
  registerSchemesAsPrivileged(schemes: FakeProtocol['privilegedSchemes']) {
    this.privilegedSchemes = schemes;
    this.registeredBeforeReady = !this.app.isReady();
  }
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response) {
    if (!this.app.isReady()) throw new Error('protocol.handle must be called after the ready event');
    this.handlers.set(scheme, handler);
  }
}

export class FakeNativeImage {
  readonly representations: { scaleFactor: number; buffer: Buffer }[] = [];
  template = false;
  addRepresentation(options: { scaleFactor: number; buffer: Buffer }) {
    this.representations.push({ scaleFactor: options.scaleFactor, buffer: options.buffer });
  }
  setTemplateImage(template: boolean) {
    this.template = template;
  }
  isEmpty() {
    return this.representations.length === 0;
  }
}

type MenuTemplate = { label?: string; type?: string; role?: string; enabled?: boolean; click?: () => void }[];

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
  image: FakeNativeImage;
  tooltip = '';
  menu: { template: MenuTemplate } | null = null;
  imageChanges = 0;
  menuBuilds = 0;
  constructor(image: FakeNativeImage) {
    super();
    this.image = image;
    FakeTray.instances.push(this);
  }
  setImage(image: FakeNativeImage) {
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
  const app = new FakeApp(userData);
  const Menu = {
    /** undefined until the app sets one: Electron's default menu (with reload and DevTools) stays */
    applicationMenu: undefined as { template: MenuTemplate } | null | undefined,
    buildFromTemplate: (template: MenuTemplate) => ({ template }),
    setApplicationMenu(menu: { template: MenuTemplate } | null) {
      Menu.applicationMenu = menu;
    },
  };
  const dialog = {
    errorBoxes: [] as { title: string; content: string }[],
    showErrorBox(title: string, content: string) {
      dialog.errorBoxes.push({ title, content });
    },
  };
  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: new FakeIpcMain(),
    session: { defaultSession },
    protocol: new FakeProtocol(app),
    Tray: FakeTray,
    Menu,
    nativeImage: { createEmpty: () => new FakeNativeImage() },
    Notification: FakeNotification,
    powerMonitor: new EventEmitter(),
    dialog,
  };
}

/** An IPC event as Electron delivers it, from a frame at `url`. */
export function ipcEventFrom(url: string, options: { subframe?: boolean } = {}) {
  return { senderFrame: { url, parent: options.subframe ? { url } : null } };
}
