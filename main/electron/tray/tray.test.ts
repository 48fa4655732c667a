import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../shared/contract';
import { createFakeElectron, FakeBrowserWindow, FakeNotification, FakeTray } from '../../../test/support/fakeElectron';
import { OFFLINE_ENV } from '../../../test/support/offlineEnv';
import { MemorySecretStore } from '../../../test/support/MemorySecretStore';
import { sampleMarket, sampleSnapshot } from '../../../test/support/sampleSnapshot';
import { eventChannel } from '../ipcChannels';
import { startApp, type ElectronModule } from '../startApp';
import { presentTray, trayIconStates } from './presentTray';
import { TrayController } from './TrayController';

const iconsDir = path.resolve('main/electron/assets/tray');

function snapshot(overrides: { state?: Snapshot['status']['state']; mode?: 'dry-run' | 'live'; last?: string; stale?: boolean } = {}): Snapshot {
  return sampleSnapshot({
    status: { state: overrides.state ?? 'stopped', mode: overrides.mode ?? 'dry-run', symbol: 'QRL/USDT', since: 0, reason: null },
    market: overrides.last ? sampleMarket(overrides.last, overrides.stale) : null,
  });
}

describe('tray presentation per state', () => {
  it.each([
    ['running live', snapshot({ state: 'running', mode: 'live', last: '0.4123' }), 0, 'running', 'QRL/USDT 0.4123 · LIVE · bot running', 'Pause bot'],
    ['running dry-run', snapshot({ state: 'running', last: '0.4123' }), 0, 'dry-run', 'QRL/USDT 0.4123 · DRY-RUN · bot running', 'Pause bot'],
    ['paused', snapshot({ state: 'paused', last: '0.4123' }), 0, 'paused', 'QRL/USDT 0.4123 · DRY-RUN · bot paused', 'Resume bot'],
    ['stopped, no price yet', snapshot(), 0, 'stopped', 'QRL/USDT price pending · DRY-RUN · bot stopped', 'Start bot'],
    ['unseen alerts', snapshot({ state: 'running', last: '0.4123' }), 2, 'alert', 'QRL/USDT 0.4123 · DRY-RUN · bot running · 2 alerts', 'Pause bot'],
    ['error beats alerts', snapshot({ state: 'error', last: '0.4123' }), 3, 'error', 'QRL/USDT 0.4123 · DRY-RUN · bot error · 3 alerts', 'Start bot'],
    ['stale data', snapshot({ state: 'running', last: '0.4123', stale: true }), 0, 'stale', 'QRL/USDT 0.4123 (stale) · DRY-RUN · bot running', 'Pause bot'],
  ])('%s', (_name, snap, alerts, icon, tooltip, lifecycleLabel) => {
    const shown = presentTray(snap, alerts);
    expect(shown.icon).toBe(icon);
    expect(shown.tooltip).toBe(tooltip);
    expect(shown.menu.filter((item) => !item.separator).map((item) => item.label)).toEqual([
      'Open QRL Tray Bot',
      lifecycleLabel,
      'Kill switch: pause and cancel all orders',
      'Quit',
    ]);
  });

  it('offers the kill switch only while there is something to stop', () => {
    const enabled = (s: Snapshot) => presentTray(s, 0).menu.find((item) => item.action === 'killSwitch')!.enabled;
    expect(enabled(snapshot({ state: 'running' }))).toBe(true);
    expect(enabled(snapshot({ state: 'paused' }))).toBe(true);
    expect(enabled(snapshot({ state: 'stopped' }))).toBe(false);
  });
});

describe('TrayController', () => {
  const electron = createFakeElectron();
  const make = (platform: NodeJS.Platform) =>
    new TrayController({ ...electron, platform, iconsDir, onAction: () => undefined } as never);

  it('has an icon file for every state, plain and macOS template', async () => {
    const { existsSync } = await import('node:fs');
    for (const state of trayIconStates) {
      for (const file of [`${state}.png`, `${state}@2x.png`, `${state}Template.png`, `${state}Template@2x.png`]) {
        expect(existsSync(path.join(iconsDir, file)), file).toBe(true);
      }
    }
  });

  it('uses template images on macOS and colour icons elsewhere', () => {
    make('darwin').update(snapshot({ state: 'paused' }));
    expect(FakeTray.instances.at(-1)!.image.path).toBe(path.join(iconsDir, 'pausedTemplate.png'));
    make('linux').update(snapshot({ state: 'paused' }));
    expect(FakeTray.instances.at(-1)!.image.path).toBe(path.join(iconsDir, 'paused.png'));
  });

  it('rebuilds the menu only when the state changes', () => {
    const controller = make('linux');
    const tray = FakeTray.instances.at(-1)!;
    controller.update(snapshot({ state: 'running', last: '0.41' }));
    controller.update({ ...snapshot({ state: 'running', last: '0.42' }), version: 2 });
    expect(tray.menuBuilds).toBe(1);
    expect(tray.tooltip).toContain('0.42');
    controller.update(snapshot({ state: 'paused', last: '0.42' }));
    expect(tray.menuBuilds).toBe(2);
  });
});

describe('tray, notifications and window in the running shell (mocked electron)', () => {
  async function start() {
    const electron = createFakeElectron();
    const started = startApp(electron as unknown as ElectronModule, { bundleDir: path.resolve('dist/electron'), assetsDir: path.resolve('main/electron/assets') }, { secretStore: new MemorySecretStore(), env: OFFLINE_ENV })!;
    void electron.app.fireReady();
    await started.ready;
    return { electron, started, tray: FakeTray.instances[0]!, window: FakeBrowserWindow.instances[0]! };
  }

  it('drives the bot from the tray menu and redraws the icon', async () => {
    const { started, tray } = await start();
    expect(tray.image.path).toBe(path.join(iconsDir, process.platform === 'darwin' ? 'stoppedTemplate.png' : 'stopped.png'));
    tray.clickMenu('Start bot');
    await expect.poll(() => started.service.snapshot().status.state).toBe('running');
    expect(tray.tooltip).toContain('bot running');
    tray.clickMenu('Kill switch: pause and cancel all orders');
    await expect.poll(() => started.service.snapshot().status.state).toBe('paused');
    expect(started.service.snapshot().status.reason).toContain('Kill switch');
    expect(tray.menu!.template.map((item) => item.label)).toContain('Resume bot');
  });

  it('shows a fill as a desktop notification that opens the orders view when clicked', async () => {
    const { started, tray, window } = await start();
    window.hide();
    started.service.raiseAlert({ severity: 'info', kind: 'fill', message: 'Bought 120.5 QRL at 0.4150 USDT' });
    const notification = FakeNotification.instances.at(-1)!;
    expect(notification.shown).toBe(true);
    expect(notification.options).toMatchObject({ title: 'QRL Tray Bot: fill', body: 'Bought 120.5 QRL at 0.4150 USDT' });
    expect(tray.image.path).toContain('alert');

    notification.emit('click');
    expect(window.visible).toBe(true);
    expect(window.webContents.sent.at(-1)).toEqual({ channel: eventChannel('navigate'), payload: { view: 'orders' } });
    expect(tray.image.path).not.toContain('alert');
  });

  it('hides to the tray on close, and really closes on quit', async () => {
    const { electron, window } = await start();
    const close = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    window.visible = true;
    window.emit('close', close);
    expect(close.defaultPrevented).toBe(true);
    expect(window.visible).toBe(false);

    electron.app.emit('before-quit');
    const finalClose = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    window.emit('close', finalClose);
    expect(finalClose.defaultPrevented).toBe(false);
  });

  it('asks the engine to refresh after the system resumes from sleep', async () => {
    const { electron, started } = await start();
    const logs: string[] = [];
    started.service.on('log', (entry) => logs.push(entry.message));
    electron.powerMonitor.emit('resume');
    await expect.poll(() => logs).toContain('System resumed from sleep: refreshing state.');
  });

  it('quits from the tray menu', async () => {
    const { electron, tray } = await start();
    tray.clickMenu('Quit');
    expect(electron.app.quitCalled).toBe(true);
  });
});

describe('launch at login', () => {
  it('follows the saved setting, at start and when it changes', async () => {
    const electron = createFakeElectron();
    const { SettingsStore } = await import('../../core/settings/SettingsStore');
    const { defaultSettings } = await import('../../../shared/settings');
    await new SettingsStore(electron.app.userData, { now: () => 0 }).save({ ...defaultSettings(), launchAtLogin: true });

    const started = startApp(electron as unknown as ElectronModule, { bundleDir: path.resolve('dist/electron'), assetsDir: path.resolve('main/electron/assets') }, { secretStore: new MemorySecretStore(), env: OFFLINE_ENV })!;
    void electron.app.fireReady();
    await started.ready;
    expect(electron.app.loginItem).toEqual({ openAtLogin: true });

    await started.service.handlers.setSettings({ ...started.service.settings, launchAtLogin: false });
    expect(electron.app.loginItem).toEqual({ openAtLogin: false });
  });

  it('never registers a development build', async () => {
    const electron = createFakeElectron();
    electron.app.isPackaged = false;
    const started = startApp(electron as unknown as ElectronModule, { bundleDir: path.resolve('dist/electron'), assetsDir: path.resolve('main/electron/assets') }, { secretStore: new MemorySecretStore(), env: OFFLINE_ENV })!;
    void electron.app.fireReady();
    await started.ready;
    await started.service.handlers.setSettings({ ...started.service.settings, launchAtLogin: true });
    expect(electron.app.loginItem).toEqual({});
  });
});
