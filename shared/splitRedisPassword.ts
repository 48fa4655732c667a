/**
 * A Redis URL's password is a secret (issue 14): it lives in the keychain, and
 * the URL kept in settings and shown on the page is the rest of it. Returns the
 * URL without its password, and the password decoded (null when there is none).
 * `redis://user:secret@host:6379/0` → `redis://user@host:6379/0` and `secret`.
 */
export function splitRedisPassword(url: string): { url: string; password: string | null } {
  const parsed = new URL(url);
  if (!parsed.password) return { url, password: null };
  const password = decodePassword(parsed.password);
  parsed.password = '';
  return { url: parsed.href, password };
}

/** WHATWG URL keeps the password percent-encoded; a stray "%" the user typed is taken literally. */
function decodePassword(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}
