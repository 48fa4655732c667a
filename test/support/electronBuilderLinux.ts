/**
 * electron-builder's own code, driven step by step up to (not including) the
 * download of Electron and fpm: its configuration check, its Linux packager,
 * its deb target's metadata step, and its file matchers. Test-only.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppInfo, Arch, Packager, Platform, type LinuxPackager } from 'app-builder-lib';

const require = createRequire(import.meta.url);

interface FpmTargetInternals {
  checkOptions(): Promise<{ name: string; maintainer: string; url: string; vendor: string }>;
  getDefaultDepends(target: string): string[];
  options: { depends?: string[]; recommends?: string[] };
}
type FpmTargetClass = new (name: string, packager: LinuxPackager, helper: unknown, outDir: string) => FpmTargetInternals;
type FileMatcher = { createFilter(): (file: string, stat: import('node:fs').Stats) => boolean };
type FileSet = { src: string; files: string[] };

const FpmTarget = (require('app-builder-lib/out/targets/FpmTarget') as { default: FpmTargetClass }).default;
const { LinuxTargetHelper } = require('app-builder-lib/out/targets/LinuxTargetHelper') as { LinuxTargetHelper: new (packager: LinuxPackager) => unknown };
const fileMatcher = require('app-builder-lib/out/fileMatcher') as {
  getMainFileMatchers(...args: unknown[]): FileMatcher[];
  getNodeModuleFileMatcher(...args: unknown[]): FileMatcher;
  getFileMatchers(config: unknown, name: string, destination: string, options: unknown): FileMatcher[] | null;
};
const appFileCopier = require('app-builder-lib/out/util/appFileCopier') as {
  computeFileSets(matchers: FileMatcher[], transformer: null, packager: LinuxPackager, isElectronCompile: boolean): Promise<FileSet[]>;
  computeNodeModuleFileSets(packager: LinuxPackager, matcher: FileMatcher): Promise<FileSet[]>;
};

/** Packager.validateConfig (getConfig, checkMetadata, validateConfiguration), then the Linux packager `npm run dist` uses. */
export async function linuxPackager(projectDir: string): Promise<{ packager: Packager; linux: LinuxPackager }> {
  const packager = new Packager({ projectDir, config: path.join(projectDir, 'electron-builder.yml'), targets: Platform.LINUX.createTarget(['deb'], Arch.x64) });
  await packager.validateConfig();
  // Packager.build sets this right after validateConfig; the platform packager reads it.
  (packager as unknown as { _appInfo: AppInfo })._appInfo = new AppInfo(packager, null);
  const linux = (await (packager as unknown as { createHelper(platform: Platform): Promise<LinuxPackager> }).createHelper(Platform.LINUX));
  return { packager, linux };
}

/** The deb target, as electron-builder builds it for `npm run dist`. */
export function debTarget(linux: LinuxPackager, outDir: string): FpmTargetInternals {
  return new FpmTarget('deb', linux, new LinuxTargetHelper(linux), outDir);
}

/**
 * The files electron-builder would put in the app (relative to the project),
 * and its asarUnpack filter, computed by its own matchers and walkers.
 */
export async function packedFiles(packager: Packager, linux: LinuxPackager, outDir: string) {
  const appDir = packager.appDir;
  const destination = path.join(outDir, 'resources', 'app');
  const macroExpander = (pattern: string) => linux.expandMacro(pattern, 'x64');
  const options = linux.platformSpecificBuildOptions;
  const mainMatchers = fileMatcher.getMainFileMatchers(appDir, destination, macroExpander, options, linux, outDir, false);
  const appSets = await appFileCopier.computeFileSets(mainMatchers, null, linux, false);
  const moduleMatcher = fileMatcher.getNodeModuleFileMatcher(appDir, destination, macroExpander, options, packager);
  const moduleSets = await appFileCopier.computeNodeModuleFileSets(linux, moduleMatcher);
  const unpack = fileMatcher.getFileMatchers(packager.config, 'asarUnpack', destination, { macroExpander, customBuildOptions: options, globalOutDir: outDir, defaultSrc: appDir });
  return {
    files: [...appSets, ...moduleSets].flatMap((set) => set.files).map((file) => path.relative(appDir, file)),
    isUnpacked: unpack?.[0]?.createFilter() ?? (() => false),
  };
}
