import os from 'node:os';
import path from 'node:path';

/** QRL_DATA_DIR, else the host's own default (Electron: userData; web host: ~/.qrl-tray-bot). */
export function readDataDir(env: NodeJS.ProcessEnv, fallback = path.join(os.homedir(), '.qrl-tray-bot')): string {
  const raw = env.QRL_DATA_DIR;
  return raw && raw.trim() !== '' ? path.resolve(raw) : fallback;
}
