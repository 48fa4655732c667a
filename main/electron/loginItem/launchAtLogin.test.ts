import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/settings';
import { SettingsStore } from '../../core/settings/SettingsStore';
import { FakeBrowserWindow } from '../../../test/support/fakeElectron';
import { startFakeShell, type FakeElectron } from '../../../test/support/startFakeShell';
import { APP_ID } from '../appName';
import { AutostartPathError, XdgAutostartEntry } from './XdgAutostartEntry';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'qtb-autostart-'));

function entry(executable: string, configHome = tempDir()) {
  return new XdgAutostartEntry({ configHome, id: 'qrl-tray-bot', name: 'QRL Tray Bot', executable, args: ['--hidden'] });
}

/** The Exec line, read back as the Desktop Entry spec says: unescape the string, then split the quoted arguments. */
function execArguments(contents: string): string[] {
  const value = /^Exec=(.*)$/m.exec(contents)![1]!.replace(/\\\\/g, '\\');
  const args: string[] = [];
  for (const match of value.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)) {
    args.push(match[1] !== undefined ? match[1].replace(/\\(["`$\\])/g, '$1') : match[2]!);
  }
  return args.map((arg) => arg.replace(/%%/g, '%'));
}

describe('XdgAutostartEntry (Linux launch at login)', () => {
  it('writes $XDG_CONFIG_HOME/autostart/qrl-tray-bot.desktop that starts the app hidden, and removes it', async () => {
    const configHome = tempDir();
    const autostart = entry('/usr/bin/qrl-tray-bot', configHome);
    await autostart.enable();
    const file = path.join(configHome, 'autostart', 'qrl-tray-bot.desktop');
    const contents = readFileSync(file, 'utf8');
    expect(contents.split('\n').slice(0, 3)).toEqual(['[Desktop Entry]', 'Type=Application', 'Name=QRL Tray Bot']);
    expect(contents).toContain('Exec=/usr/bin/qrl-tray-bot --hidden\n');
    expect(statSync(file).mode & 0o777).toBe(0o644);
    await autostart.disable();
    expect(existsSync(file)).toBe(false);
    await expect(autostart.disable()).resolves.toBeUndefined();
  });

  it.each([
    '/opt/QRL Tray Bot/qrl-tray-bot',
    '/home/ann/Apps/QRL "Tray" $Bot`s\\100%.AppImage',
  ])('quotes an executable path like %s so the desktop reads back the same path', (executable) => {
    expect(execArguments(entry(executable).contents())).toEqual([executable, '--hidden']);
  });

  it('refuses a path with a line break, with a typed error that says what to do', () => {
    expect(() => entry('/tmp/evil\nExec=rm -rf ~').contents()).toThrow(AutostartPathError);
    expect(() => entry('/tmp/evil\nExec=rm -rf ~').contents()).toThrow(/Move the app to a plain folder/);
  });

  it.each([
    [{ XDG_CONFIG_HOME: '/custom/config' }, '/custom/config'],
    [{ XDG_CONFIG_HOME: '' }, '/home/ann/.config'],
    [{ XDG_CONFIG_HOME: 'relative/config' }, '/home/ann/.config'],
    [{}, '/home/ann/.config'],
  ])('takes the config home from %j: %s', (env, expected) => {
    expect(XdgAutostartEntry.configHome(env, '/home/ann')).toBe(expected);
  });

  it('is named after the executable electron-builder installs', () => {
    expect(parse(readFileSync('electron-builder.yml', 'utf8')).linux.executableName).toBe(APP_ID);
  });
});

async function saveLaunchAtLogin(electron: FakeElectron) {
  await new SettingsStore(electron.app.userData, { now: () => 0 }).save({ ...defaultSettings(), launchAtLogin: true });
}

describe('launch at login in the running shell (fake electron)', () => {
  it('Linux: follows the saved setting with an autostart entry for the installed executable', async () => {
    const { electron, started } = await startFakeShell({ platform: 'linux', prepare: saveLaunchAtLogin });
    const file = path.join(electron.app.getPath('home'), '.config', 'autostart', 'qrl-tray-bot.desktop');
    await expect.poll(() => existsSync(file)).toBe(true);
    expect(execArguments(readFileSync(file, 'utf8'))).toEqual(['/opt/QRL Tray Bot/qrl-tray-bot', '--hidden']);
    expect(electron.app.loginItem).toEqual({});

    await started.service.handlers.setSettings({ ...started.service.settings, launchAtLogin: false });
    await expect.poll(() => existsSync(file)).toBe(false);
  });

  it('Linux AppImage: the entry starts the AppImage file, in $XDG_CONFIG_HOME', async () => {
    const configHome = tempDir();
    await startFakeShell({ platform: 'linux', prepare: saveLaunchAtLogin, env: { APPIMAGE: '/home/ann/QRL-Tray-Bot.AppImage', XDG_CONFIG_HOME: configHome } });
    const file = path.join(configHome, 'autostart', 'qrl-tray-bot.desktop');
    await expect.poll(() => existsSync(file)).toBe(true);
    expect(execArguments(readFileSync(file, 'utf8'))).toEqual(['/home/ann/QRL-Tray-Bot.AppImage', '--hidden']);
  });

  it.each([
    ['win32', { openAtLogin: true, args: ['--hidden'] }],
    ['darwin', { openAtLogin: true }],
  ] as const)('%s: sets the login item %j', async (platform, expected) => {
    const { electron } = await startFakeShell({ platform, prepare: saveLaunchAtLogin });
    expect(electron.app.loginItem).toEqual(expected);
  });

  it('never registers a development build', async () => {
    const { electron, started } = await startFakeShell({ isPackaged: false, platform: 'win32' });
    await started.service.handlers.setSettings({ ...started.service.settings, launchAtLogin: true });
    expect(electron.app.loginItem).toEqual({});
    const linux = await startFakeShell({ isPackaged: false, platform: 'linux', prepare: saveLaunchAtLogin });
    expect(existsSync(path.join(linux.electron.app.getPath('home'), '.config', 'autostart'))).toBe(false);
  });

  it.each([
    ['Linux with --hidden', 'linux', ['/opt/QRL Tray Bot/qrl-tray-bot', '--hidden'], false],
    ['Windows with --hidden', 'win32', ['C:\\QRL Tray Bot.exe', '--hidden'], false],
    ['macOS opened at login', 'darwin', ['/Applications/QRL Tray Bot.app/Contents/MacOS/QRL Tray Bot'], true],
  ] as const)('started at login (%s): only the tray, no window until asked', async (_label, platform, argv, openedAtLogin) => {
    const { started, tray } = await startFakeShell({
      platform,
      argv: [...argv],
      prepare: (electron) => void (electron.app.wasOpenedAtLogin = openedAtLogin),
    });
    expect(tray()).toBeDefined();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    tray()!.emit('click');
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(started.window()).not.toBeNull();
  });

  it('started by hand: the window opens', async () => {
    await startFakeShell({ platform: 'darwin', argv: ['/Applications/QRL Tray Bot.app/Contents/MacOS/QRL Tray Bot'] });
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });
});
