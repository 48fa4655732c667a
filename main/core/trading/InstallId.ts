import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Clock } from '../clock';
import { atomicWriteFile } from '../storage/atomicWriteFile';
import { INSTALL_ID_PATTERN } from './clientOrderId';

export const INSTALL_ID_FILE = 'install-id';
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export interface InstallIdLoad {
  installId: string;
  /** what was wrong with the file, in words, and where it was kept; null when it was fine or new */
  problem: string | null;
}

/**
 * This install's random id, kept in the data folder: part of every client
 * order id, so two installs (or a fresh data folder) on one MEXC account never
 * reuse an id, and the bot knows its own orders from ones placed by hand.
 * A damaged file is kept aside and a new id made: the journal still names
 * every order the old id placed.
 */
export async function loadInstallId(dataDir: string, clock: Clock, random: (bytes: number) => Buffer = randomBytes): Promise<InstallIdLoad> {
  const file = path.join(dataDir, INSTALL_ID_FILE);
  let problem: string | null = null;
  try {
    const text = (await fs.readFile(file, 'utf8')).trim();
    if (INSTALL_ID_PATTERN.test(text)) return { installId: text, problem: null };
    const aside = `${file}.corrupt-${clock.now()}`;
    await fs.rename(file, aside);
    problem = `The install id file was damaged; it was kept as ${path.basename(aside)} and a new id was made.`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const installId = [...random(8)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
  await fs.mkdir(dataDir, { recursive: true });
  await atomicWriteFile(file, `${installId}\n`);
  return { installId, problem };
}
