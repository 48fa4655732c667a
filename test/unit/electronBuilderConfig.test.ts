import { copyFileSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { debTarget, linuxPackager, packedFiles } from '../support/electronBuilderLinux';

const config = parse(readFileSync('electron-builder.yml', 'utf8'));
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const outDir = () => mkdtempSync(path.join(tmpdir(), 'qtb-release-'));

/** A copy of the project's packaging files with package.json changed: electron-builder must refuse it. */
function projectWith(change: (packageJson: Record<string, unknown>) => void): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'qtb-project-'));
  const changed = structuredClone(pkg);
  change(changed);
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(changed));
  copyFileSync('electron-builder.yml', path.join(dir, 'electron-builder.yml'));
  return dir;
}

describe("electron-builder's own checks on the real electron-builder.yml and package.json", () => {
  it('passes its configuration validation (schema, metadata, dependencies)', async () => {
    await expect(linuxPackager(process.cwd())).resolves.toBeDefined();
  });

  it('its validation refuses a misspelt key or a wrong type', async () => {
    const { validateConfiguration } = await import('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = await import('builder-util');
    await expect(validateConfiguration({ ...config, asarUnpak: ['x'] }, new DebugLogger(false))).rejects.toThrow(/asarUnpak/);
    await expect(validateConfiguration({ ...config, asar: 'yes please' }, new DebugLogger(false))).rejects.toThrow(/asar/);
  });

  it("passes the deb target's metadata step: homepage, and a maintainer with an email", async () => {
    const { linux } = await linuxPackager(process.cwd());
    expect(await debTarget(linux, outDir()).checkOptions()).toEqual({
      name: 'qrl-tray-bot',
      maintainer: `${pkg.author.name} <${pkg.author.email}>`,
      vendor: `${pkg.author.name} <${pkg.author.email}>`,
      url: pkg.homepage,
    });
  });

  it('that metadata step fails, as `npm run dist` did, without a homepage or an author email', async () => {
    const { linux } = await linuxPackager(projectWith((p) => ((p.author = 'QRL Tray Bot developers'), delete p.homepage)));
    await expect(debTarget(linux, outDir()).checkOptions()).rejects.toThrow(/Please specify project homepage[\s\S]*Please specify author 'email'/);
  });

  it("keeps electron-builder's default deb dependencies, adds keychain, notifications and a tray library Debian 12 ships", async () => {
    const { linux } = await linuxPackager(process.cwd());
    const deb = debTarget(linux, outDir());
    const defaults = deb.getDefaultDepends('deb');
    expect(defaults).toEqual(expect.arrayContaining(['libgtk-3-0', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1']));
    expect(deb.options.depends).toEqual(expect.arrayContaining([...defaults, 'libsecret-1-0', 'libnotify4']));
    expect(deb.options.depends).toContain('libayatana-appindicator3-1 | libappindicator3-1');
    // Debian 12 has no libappindicator3-1: never required (or recommended) on its own.
    expect(deb.options.depends).not.toContain('libappindicator3-1');
    expect(deb.options.recommends).toEqual([]);
  });
});

describe('the files electron-builder packs (its own matchers on the real tree)', () => {
  it('packs dist/ and the icons, leaves out sources, tests and source maps, and unpacks keytar', { timeout: 60_000 }, async () => {
    if (!existsSync('dist/electron/main.cjs') || !existsSync('dist/renderer/index.html')) {
      throw new Error('dist/ is missing: run `npm run build` (npm test does it first).');
    }
    const { packager, linux } = await linuxPackager(process.cwd());
    const { files, isUnpacked } = await packedFiles(packager, linux, outDir());
    const packed = new Set(files);

    for (const file of ['package.json', 'dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html', 'main/electron/assets/icon.png', 'main/electron/assets/tray/running-22.png']) {
      expect(packed.has(file), file).toBe(true);
    }
    expect(files.filter((file) => file.startsWith('dist/renderer/assets/') && file.endsWith('.js')).length).toBeGreaterThan(0);
    const leaked = files.filter(
      (file) =>
        file.endsWith('.map') ||
        /^(test|renderer|shared|release)\//.test(file) ||
        (/^main\//.test(file) && !file.startsWith('main/electron/assets/')) ||
        /^[^/]+\.(ts|yml|md)$/.test(file),
    );
    expect(leaked).toEqual([]);

    const keytarNode = files.find((file) => file.startsWith('node_modules/keytar/') && file.endsWith('.node'));
    expect(keytarNode).toBeDefined();
    expect(isUnpacked(path.resolve(keytarNode!), statSync(keytarNode!))).toBe(true);
    expect(isUnpacked(path.resolve('dist/electron/main.cjs'), statSync('dist/electron/main.cjs'))).toBe(false);
    // The backtest worker thread loads from the plain file system, so it imports no package.
    const worker = 'dist/backtest/backtestWorker.mjs';
    expect(packed.has(worker)).toBe(true);
    expect(isUnpacked(path.resolve(worker), statSync(worker))).toBe(true);
    expect(readFileSync(worker, 'utf8')).not.toMatch(/^import .* from ["'](?!node:)[^"']+["']/m);
    // Development-only packages never ship.
    expect(files.filter((file) => /^node_modules\/(electron|electron-builder|vitest|playwright-core|vite)\//.test(file))).toEqual([]);
  });
});

describe('electron-builder.yml, by intent', () => {
  it('builds AppImage and deb for Linux, NSIS for Windows and dmg for macOS', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('points at files that exist and at the bundled main', () => {
    expect(existsSync(config.icon)).toBe(true);
    expect(config.extraMetadata.main).toBe(pkg.main);
  });

  it('sets the fuses that stop the binary being used as a plain Node runtime, and keeps file:// unprivileged', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
