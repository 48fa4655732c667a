import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describeZodError } from '../../../shared/describeZodError';
import { defaultSettings, SettingsSchema, type Settings } from '../../../shared/settings';
import type { Clock } from '../clock';
import { atomicWriteFile } from '../storage/atomicWriteFile';

export const SETTINGS_FILE = 'settings.json';

export interface SettingsLoadReport {
  settings: Settings;
  /** what went wrong with the file on disk, in words; null when it loaded cleanly (or did not exist) */
  problem: string | null;
}

/**
 * Settings as a JSON file in the data folder: validated on load, written
 * atomically, and a copy of the last saved version kept as settings.json.bak
 * (written after the file itself, so the copy is never older than the last
 * save, and a crash between the two leaves the file good). A damaged
 * file is moved aside (never deleted), the last good version takes its place,
 * and the caller is told what happened so the user can be too.
 */
export class SettingsStore {
  private current: Settings = defaultSettings();

  constructor(
    private readonly dataDir: string,
    private readonly clock: Clock,
  ) {}

  get file(): string {
    return path.join(this.dataDir, SETTINGS_FILE);
  }

  get settings(): Settings {
    return this.current;
  }

  async load(): Promise<SettingsLoadReport> {
    const primary = await readSettings(this.file);
    if (primary.kind === 'ok') return this.accept(primary.settings, null);
    if (primary.kind === 'missing') return this.accept(defaultSettings(), null);

    const aside = `${this.file}.corrupt-${this.clock.now()}`;
    await fs.rename(this.file, aside).catch(() => undefined);
    const backup = await readSettings(`${this.file}.bak`);
    const recovered = backup.kind === 'ok' ? backup.settings : defaultSettings();
    await atomicWriteFile(this.file, serialize(recovered));
    const from = backup.kind === 'ok' ? 'the last good copy (settings.json.bak)' : 'the defaults';
    return this.accept(recovered, `The settings file was damaged (${primary.problem}); it was kept as ${path.basename(aside)} and ${from} restored.`);
  }

  /** Validates, backs up the current file, then replaces it atomically. */
  async save(next: unknown): Promise<Settings> {
    const settings = SettingsSchema.parse(next);
    await fs.mkdir(this.dataDir, { recursive: true });
    await atomicWriteFile(this.file, serialize(settings));
    await atomicWriteFile(`${this.file}.bak`, serialize(settings));
    this.current = settings;
    return settings;
  }

  private accept(settings: Settings, problem: string | null): SettingsLoadReport {
    this.current = settings;
    return { settings, problem };
  }
}

type ReadResult = { kind: 'ok'; settings: Settings } | { kind: 'missing' } | { kind: 'damaged'; problem: string };

async function readSettings(file: string): Promise<ReadResult> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'damaged', problem: `unreadable: ${(error as Error).message}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'damaged', problem: 'not valid JSON' };
  }
  const parsed = SettingsSchema.safeParse(json);
  return parsed.success ? { kind: 'ok', settings: parsed.data } : { kind: 'damaged', problem: describeZodError(parsed.error) };
}

function serialize(settings: Settings): string {
  return `${JSON.stringify(settings, null, 2)}\n`;
}
