import { promises as fs } from 'node:fs';
import path from 'node:path';
import { atomicWriteFile } from '../../core/storage/atomicWriteFile';

export interface XdgAutostartOptions {
  /** $XDG_CONFIG_HOME, or ~/.config (see XdgAutostartEntry.configHome) */
  configHome: string;
  /** file name without .desktop: the package's executable name */
  id: string;
  name: string;
  /** absolute path of what to run: the AppImage, or the installed executable */
  executable: string;
  args: string[];
}

/** A path that cannot be written into an Exec line (a line break would end the entry). */
export class AutostartPathError extends Error {
  constructor(executable: string) {
    super(
      `Cannot register "${executable.replace(/[\r\n]/g, '␤')}" to start at login: its path contains a line break. ` +
        'Move the app to a plain folder and turn "Launch at login" on again.',
    );
    this.name = 'AutostartPathError';
  }
}

/**
 * Launch at login on Linux, where setLoginItemSettings does nothing: an entry
 * in $XDG_CONFIG_HOME/autostart, as the XDG Autostart spec says.
 * https://specifications.freedesktop.org/autostart-spec/latest/
 */
export class XdgAutostartEntry {
  readonly file: string;

  constructor(private readonly options: XdgAutostartOptions) {
    this.file = path.join(options.configHome, 'autostart', `${options.id}.desktop`);
  }

  /** The config home per the XDG Base Directory spec: an unset, empty or relative $XDG_CONFIG_HOME means ~/.config. */
  static configHome(env: NodeJS.ProcessEnv, homeDir: string): string {
    const configured = env.XDG_CONFIG_HOME;
    return configured && path.isAbsolute(configured) ? configured : path.join(homeDir, '.config');
  }

  contents(): string {
    const { executable, args, name } = this.options;
    if ([executable, ...args].some((part) => /[\r\n]/.test(part))) throw new AutostartPathError(executable);
    const exec = [executable, ...args].map(quoteExecArgument).join(' ');
    return [
      '[Desktop Entry]',
      'Type=Application',
      `Name=${name}`,
      `Comment=Starts ${name} hidden in the tray`,
      `Exec=${escapeStringValue(exec)}`,
      'Terminal=false',
      'X-GNOME-Autostart-enabled=true',
      '',
    ].join('\n');
  }

  async enable(): Promise<void> {
    await atomicWriteFile(this.file, this.contents(), { mode: 0o644 });
  }

  async disable(): Promise<void> {
    await fs.rm(this.file, { force: true });
  }
}

// Desktop Entry spec, "The Exec key": quote an argument with a reserved character, escaping " ` $ \ inside; % is doubled.
function quoteExecArgument(argument: string): string {
  const percentSafe = argument.replace(/%/g, '%%');
  if (!/[\s"'\\><~|&;$*?#()`]/.test(argument)) return percentSafe;
  return `"${percentSafe.replace(/(["`$\\])/g, '\\$1')}"`;
}

// Desktop Entry spec, "Possible value types": in a string value a backslash is itself written as \\.
function escapeStringValue(value: string): string {
  return value.replace(/\\/g, '\\\\');
}
