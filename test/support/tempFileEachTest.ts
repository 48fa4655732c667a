import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/**
 * A file path in a fresh empty folder for each test (made in beforeEach,
 * removed with the folder in afterEach): read `.path` inside tests.
 */
export function tempFileEachTest(folderPrefix: string, fileName: string): { readonly path: string } {
  let dir: string | null = null;
  const file = { path: '' };
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), folderPrefix));
    file.path = path.join(dir, fileName);
  });
  afterEach(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
    dir = null;
  });
  return file;
}
