import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/settings';
import { SettingsStore } from './SettingsStore';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'qtb-settings-'));
const clock = { now: () => 1_700_000_000_000 };

describe('SettingsStore', () => {
  it('starts from the defaults when there is no file', async () => {
    const store = new SettingsStore(tempDir(), clock);
    expect(await store.load()).toEqual({ settings: defaultSettings(), problem: null });
  });

  it('saves validated settings and reads them back after a restart', async () => {
    const dir = tempDir();
    const next = { ...defaultSettings(), launchAtLogin: true, cacheTtl: { ...defaultSettings().cacheTtl, ticker: 15 } };
    await new SettingsStore(dir, clock).save(next);
    expect((await new SettingsStore(dir, clock).load()).settings).toEqual(next);
  });

  it('refuses invalid settings and leaves the file as it was', async () => {
    const dir = tempDir();
    const store = new SettingsStore(dir, clock);
    await store.save(defaultSettings());
    const before = readFileSync(store.file, 'utf8');
    await expect(store.save({ ...defaultSettings(), redisUrl: 'http://not-redis' })).rejects.toThrow();
    expect(readFileSync(store.file, 'utf8')).toBe(before);
  });

  it.each([
    ['truncated JSON', '{"cacheTtl": {"ticker": 1'],
    ['valid JSON, invalid settings', '{"cacheTtl": {"ticker": -5}}'],
    ['binary garbage', '\u0000\u0001\u0002'],
  ])('recovers from %s: keeps the damaged file aside, restores the last saved version, says so', async (_kind, damage) => {
    const dir = tempDir();
    const store = new SettingsStore(dir, clock);
    const lastSaved = { ...defaultSettings(), theme: 'dark' as const };
    await store.save(defaultSettings());
    await store.save(lastSaved); // the user's last change: a restore must not lose it (issue 13, defect 7)
    writeFileSync(store.file, damage);

    const report = await new SettingsStore(dir, clock).load();
    expect(report.settings).toEqual(lastSaved);
    expect(report.problem).toMatch(/damaged .* kept as settings\.json\.corrupt-1700000000000 and the last good copy/);
    expect(readFileSync(path.join(dir, 'settings.json.corrupt-1700000000000'), 'utf8')).toBe(damage);
    expect(JSON.parse(readFileSync(store.file, 'utf8'))).toEqual(lastSaved);
  });

  it('falls back to the defaults when there is no good copy either', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'settings.json'), 'nonsense');
    const report = await new SettingsStore(dir, clock).load();
    expect(report.settings).toEqual(defaultSettings());
    expect(report.problem).toContain('the defaults restored');
  });

  it('leaves no temporary files behind', async () => {
    const dir = tempDir();
    const store = new SettingsStore(dir, clock);
    for (let i = 0; i < 5; i++) await store.save(defaultSettings());
    expect(readdirSync(dir).sort()).toEqual(['settings.json', 'settings.json.bak']);
  });
});
