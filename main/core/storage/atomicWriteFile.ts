import { promises as fs } from 'node:fs';
import path from 'node:path';

let sequence = 0;

/**
 * Write-then-rename, with fsyncs: after a crash or a power cut the file is the
 * old version or the new one, never half of each.
 * 1. write a temp file beside the target (same directory, so rename is atomic);
 * 2. fsync it, so its bytes are on disk before the name points at them;
 * 3. rename it over the target;
 * 4. fsync the directory, so the rename itself is on disk.
 */
export async function atomicWriteFile(file: string, contents: string, options: { mode?: number } = {}): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true });
  // pid + a counter: unique across processes and across concurrent writes in this one, without a clock.
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${++sequence}.tmp`);
  try {
    const handle = await fs.open(temp, 'w', options.mode ?? 0o600);
    try {
      await handle.writeFile(contents, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dir);
}

/** Makes a rename or a new file's name durable. Some platforms (Windows) cannot open a directory: skip there. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // EISDIR/EPERM on platforms without directory fsync: nothing more to do.
  } finally {
    await handle.close();
  }
}
