/** The URL to connect with: a password-less Redis URL plus the password from the keychain, percent-encoded as ioredis expects. */
export function withRedisPassword(url: string, password: string): string {
  const parsed = new URL(url);
  parsed.password = encodeURIComponent(password);
  return parsed.href;
}
