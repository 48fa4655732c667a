import { accessSync, constants } from 'node:fs';

/**
 * Tests that need a real component (chromium, redis-server, a keychain) skip
 * with the reason on a developer machine that lacks it, and fail in CI, where
 * .ci/run must have provided it.
 */
export function missingToolReason(name: string, found: boolean, howToGet: string): string | null {
  if (found) return null;
  const reason = `${name} is not available (${howToGet})`;
  if (process.env.CI === 'true') throw new Error(`CI must provide ${reason}.`);
  console.warn(`skipping: ${reason}`);
  return reason;
}

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why the Chromium tests cannot run here (null: they can); in CI, an error instead. */
export function missingChromiumReason(): string | null {
  return missingToolReason('Chromium', isExecutable(CHROMIUM_PATH), 'apt-get install chromium, or set CHROMIUM_PATH');
}
