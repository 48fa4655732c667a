import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atomicWriteFile } from './atomicWriteFile';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atomic-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('atomicWriteFile', () => {
  it('creates the folder and the file, then replaces it whole', async () => {
    const file = path.join(dir, 'nested', 'state.json');
    await atomicWriteFile(file, 'first');
    await atomicWriteFile(file, 'second');
    expect(await fs.readFile(file, 'utf8')).toBe('second');
  });

  it('leaves no temp file behind, after success or failure', async () => {
    const file = path.join(dir, 'state.json');
    await Promise.all([atomicWriteFile(file, 'a'), atomicWriteFile(file, 'b'), atomicWriteFile(file, 'c')]);
    expect(['a', 'b', 'c']).toContain(await fs.readFile(file, 'utf8'));
    // A directory where the file should go makes the rename fail.
    await fs.mkdir(path.join(dir, 'blocked'));
    await expect(atomicWriteFile(path.join(dir, 'blocked'), 'x')).rejects.toThrow();
    expect((await fs.readdir(dir)).sort()).toEqual(['blocked', 'state.json']);
  });

  it('keeps the file private to the user', async () => {
    const file = path.join(dir, 'secret.json');
    await atomicWriteFile(file, '{}');
    if (process.platform !== 'win32') expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
  });
});
