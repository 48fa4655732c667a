import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Write-then-rename, with fsyncs: after a crash or power cut the file is
 * either the old version or the new one, never half of each.
 */
export async function writeFileAtomic(file: string, contents: string): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const handle = await fs.open(temp, 'w', 0o600);
  try {
    await handle.writeFile(contents, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temp, file);
  // The rename itself must reach the disk too.
  const dirHandle = await fs.open(dir, 'r').catch(() => null);
  await dirHandle?.sync().catch(() => undefined);
  await dirHandle?.close();
}
