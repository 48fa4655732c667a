import { mkdirSync } from 'node:fs';
import path from 'node:path';

/** Screenshots from the end-to-end runs land here (git-ignored), one file per view. */
export function screenshotPath(name: string): string {
  const dir = path.resolve('test-results/screenshots');
  mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}
