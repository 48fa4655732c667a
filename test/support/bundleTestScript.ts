import { mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const bundles = new Map<string, Promise<string>>();

/**
 * A TypeScript script under test/ bundled once per test process (packages
 * stay external), so each child process costs a node start, not a TypeScript
 * compile of the engine.
 */
export function bundleTestScript(entry: string): Promise<string> {
  let bundle = bundles.get(entry);
  if (!bundle) {
    bundle = (async () => {
      // Inside the project, so the bundle resolves its packages from node_modules (.tmp is git-ignored).
      mkdirSync(path.resolve('.tmp'), { recursive: true });
      const outfile = path.join(mkdtempSync(path.resolve(`.tmp/${path.basename(entry, '.ts')}-`)), `${path.basename(entry, '.ts')}.mjs`);
      await build({ entryPoints: [path.resolve(entry)], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error' });
      return outfile;
    })();
    bundles.set(entry, bundle);
  }
  return bundle;
}
