import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Snapshot, TradingMode } from '../../../shared/contract';
import { createFakeElectron, FakeNativeImage, FakeNotification, FakeTray, preventableEvent } from '../../../test/support/fakeElectron';
import { sampleMarket, sampleSnapshot, sampleWhyNot } from '../../../test/support/sampleSnapshot';
import { startFakeShell } from '../../../test/support/startFakeShell';
import { eventChannel } from '../ipcChannels';
import { presentStartingTray, presentTray, trayIconStates } from './presentTray';
import { trayIconRepresentations } from './trayIconRepresentations';
import { TrayController } from './TrayController';

const iconsDir = path.resolve('main/electron/assets/tray');

/** The icon file a tray image was built from, found by its bytes (its 1x bitmap). */
function shownIcon(image: FakeNativeImage): string {
  const oneX = image.representations.find((representation) => representation.scaleFactor === 1)!.buffer;
  return readdirSync(iconsDir).find((file) => readFileSync(path.join(iconsDir, file)).equals(oneX))!;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(buffer: Buffer): { width: number; height: number } {
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

function snapshot(overrides: { state?: Snapshot['status']['state']; mode?: TradingMode; last?: string; stale?: boolean } = {}): Snapshot {
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
    ['stopping after a run in flight', snapshot({ state: 'stopping', last: '0.4123' }), 0, 'stopped', 'QRL/USDT 0.4123 · DRY-RUN · bot stopping', 'Stopping…'],
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

  it('carries the engine\'s one-line "why hasn\'t it bought?" after the state, before the alerts', () => {
    const why = sampleWhyNot('No buy: close 1.45 % above the buy line');
    const shown = presentTray({ ...snapshot({ state: 'running', last: '0.4123' }), whyNot: why }, 1);
    expect(shown.tooltip).toBe('QRL/USDT 0.4123 · DRY-RUN · bot running · No buy: close 1.45 % above the buy line · 1 alert');
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

  it('ships exactly the icon files the platforms ask for, each drawn at its own pixel size', () => {
    const wanted = trayIconStates.flatMap((state) =>
      (['linux', 'win32', 'darwin'] as const).flatMap((platform) => trayIconRepresentations(platform, state)),
    );
    expect(readdirSync(iconsDir).sort()).toEqual([...new Set(wanted.map((r) => r.file))].sort());
    for (const { file, size } of wanted) {
      expect(pngSize(readFileSync(path.join(iconsDir, file))), file).toEqual({ width: size, height: size });
    }
  });

  it.each([
    ['linux', [16, 22, 24, 32, 48], [1, 1.375, 1.5, 2, 3], false],
    ['win32', [16, 20, 24, 32], [1, 1.25, 1.5, 2], false],
    ['darwin', [16, 32], [1, 2], true],
  ] as const)('on %s builds one image from the sizes %j (scale factors %j; template: %s)', (platform, sizes, scales, template) => {
    make(platform).update(snapshot({ state: 'paused' }));
    const image = FakeTray.instances.at(-1)!.image;
    expect(image.representations.map((r) => r.scaleFactor)).toEqual(scales);
    expect(image.representations.map((r) => pngSize(r.buffer).width)).toEqual(sizes);
    expect(image.template).toBe(template);
    expect(shownIcon(image)).toBe(template ? 'pausedTemplate.png' : 'paused-16.png');
  });

  it('says "starting" until the first snapshot, offering only Open and Quit', () => {
    const controller = make('linux');
    const tray = FakeTray.instances.at(-1)!;
    expect(shownIcon(tray.image)).toBe('starting-16.png');
    expect(tray.tooltip).toBe('QRL Tray Bot · starting…');
    expect(tray.menu!.template.filter((item) => item.type !== 'separator').map((item) => item.label)).toEqual(['Open QRL Tray Bot', 'Quit']);
    expect(controller.presentation).toEqual(presentStartingTray());
    controller.update(snapshot({ state: 'stopped' }));
    expect(shownIcon(tray.image)).toBe('stopped-16.png');
    expect(tray.menu!.template.map((item) => item.label)).toContain('Start bot');
  });

  it('rebuilds the menu only when the state changes', () => {
    const controller = make('linux');
    const tray = FakeTray.instances.at(-1)!;
    controller.update(snapshot({ state: 'running', last: '0.41' }));
    const builds = tray.menuBuilds;
    controller.update({ ...snapshot({ state: 'running', last: '0.42' }), version: 2 });
    expect(tray.menuBuilds).toBe(builds);
    expect(tray.tooltip).toContain('0.42');
    controller.update(snapshot({ state: 'paused', last: '0.42' }));
    expect(tray.menuBuilds).toBe(builds + 1);
  });
});

describe('tray, notifications and window in the running shell (mocked electron)', () => {
  async function start() {
    const shell = await startFakeShell();
    return { ...shell, tray: shell.tray()!, window: shell.window()! };
  }

  it('drives the bot from the tray menu and redraws the icon', async () => {
    const { started, tray } = await start();
    expect(shownIcon(tray.image)).toBe('stopped-16.png');
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
    expect(shownIcon(tray.image)).toBe('alert-16.png');

    notification.emit('click');
    expect(window.visible).toBe(true);
    expect(window.webContents.sent.at(-1)).toEqual({ channel: eventChannel('navigate'), payload: { view: 'orders' } });
    expect(shownIcon(tray.image)).toBe('stopped-16.png');
  });

  it('hides to the tray on close, and really closes on quit', async () => {
    const { electron, window } = await start();
    const close = preventableEvent();
    window.visible = true;
    window.emit('close', close);
    expect(close.defaultPrevented).toBe(true);
    expect(window.visible).toBe(false);

    electron.app.quit();
    const finalClose = preventableEvent();
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

  it('quits from the tray menu, once the engine has closed', async () => {
    const { electron, tray } = await start();
    tray.clickMenu('Quit');
    await expect.poll(() => electron.app.quitCalled).toBe(true);
  });
});
