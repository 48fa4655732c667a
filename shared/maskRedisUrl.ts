/** The mask that stands for a stored password wherever a Redis URL is shown. */
export const REDIS_PASSWORD_MASK = '•••';

/**
 * What may be shown of a Redis URL: its password as a mask, never the
 * password (`redis://:•••@host:6379`). `passwordStored` marks a password kept
 * in the keychain for a URL that no longer carries it.
 */
export function maskRedisUrl(url: string, passwordStored = false): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Unreadable as a URL: still hide whatever follows the user name, up to the last "@".
    return url.replace(/^(\w+:\/\/[^:@/?#]*)(?::[^/?#]*)?@/, `$1:${REDIS_PASSWORD_MASK}@`);
  }
  if (!parsed.password && !passwordStored) return url;
  const username = parsed.username;
  parsed.username = '';
  parsed.password = '';
  return parsed.href.replace(/^(\w+:\/\/)/, `$1${username}:${REDIS_PASSWORD_MASK}@`);
}
