import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const runtimeConfigs = ['tsconfig.shared.json', 'tsconfig.renderer.json', 'tsconfig.node.json', 'tsconfig.dom-test.json'];

function parse(configFile: string): ts.ParsedCommandLine {
  const path = join(root, configFile);
  const { config, error } = ts.readConfigFile(path, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, path);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !f.includes('node_modules'))
    .map((f) => join(dir, f));
}

/** Which of `names` the config's program cannot find, for a file of its own at `probePath`. */
function unknownGlobals(configFile: string, probePath: string, names: string[]): string[] {
  const { options, fileNames } = parse(configFile);
  const probe = join(root, probePath);
  const text = names.map((name) => `export const use_${name} = typeof ${name};`).join('\n');
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, lang, ...rest) =>
    resolve(file) === probe ? ts.createSourceFile(file, text, lang) : getSourceFile(file, lang, ...rest);
  const program = ts.createProgram({ rootNames: [probe, ...fileNames.filter((f) => f.endsWith('.d.ts'))], options, host });
  const missing = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
  return names.filter((name) => missing.some((m) => m.includes(`'${name}'`)));
}

describe('one tsconfig per runtime (each file sees only the globals where it runs)', () => {
  it('puts every TypeScript file in some runtime program', () => {
    const covered = new Set(runtimeConfigs.flatMap((c) => parse(c).fileNames.map((f) => relative(root, f))));
    const files = ['main', 'renderer', 'shared', 'test'].flatMap(sourceFiles).concat('vite.config.ts');
    expect(files.filter((f) => !covered.has(f))).toEqual([]);
  });

  it('gives shared/ neither Node nor the DOM, only what both provide', () => {
    expect(unknownGlobals('tsconfig.shared.json', 'shared/probe.ts', ['process', 'Buffer', 'document', 'window', 'URL'])).toEqual([
      'process',
      'Buffer',
      'document',
      'window',
    ]);
  }, 30_000);

  it('gives renderer/ the DOM and not Node', () => {
    expect(unknownGlobals('tsconfig.renderer.json', 'renderer/probe.ts', ['process', 'Buffer', 'document', 'window'])).toEqual([
      'process',
      'Buffer',
    ]);
  }, 30_000);

  it('gives main/ Node and not the DOM', () => {
    expect(unknownGlobals('tsconfig.node.json', 'main/probe.ts', ['process', 'Buffer', 'document', 'window'])).toEqual([
      'document',
      'window',
    ]);
  }, 30_000);
});
