import type { Settings } from '../../../shared/settings';
import { splitRedisPassword } from '../../../shared/splitRedisPassword';
import { withRedisPassword } from '../../../shared/withRedisPassword';
import { guardKeychain } from './guardKeychain';
import type { SecretEntry } from './SecretEntry';

/** The keychain account (in the app's keychain service) that holds the Redis URL's password. */
export const REDIS_PASSWORD_ACCOUNT = 'redis-password';

/**
 * The engine's view of the Redis password (issue 14): a password that arrives
 * in a Redis URL goes to the keychain, the URL is kept and shown without it,
 * and only the cache connection ever reads it back.
 */
export class RedisPassword {
  constructor(private readonly entry: SecretEntry) {}

  /**
   * Settings as they may be written to the file and sent to the page. A URL
   * carrying a password stores it; `redisPasswordStored: false` (or no URL)
   * drops a stored one. A keychain failure throws before anything is written.
   */
  async secure(next: Settings, previous: Settings): Promise<Settings> {
    const split = next.redisUrl === null ? null : splitRedisPassword(next.redisUrl);
    if (split?.password) {
      const password = split.password;
      await guardKeychain(() => this.entry.save(password));
      return { ...next, redisUrl: split.url, redisPasswordStored: true };
    }
    // Only a password this engine stored can be kept: the flag alone never claims one.
    const keep = split !== null && next.redisPasswordStored && previous.redisPasswordStored;
    if (!keep && previous.redisPasswordStored) await guardKeychain(() => this.entry.clear());
    return { ...next, redisPasswordStored: keep };
  }

  /** For the cache connection only: the settings' URL with the keychain's password. Never pass it to a log, event or error. */
  async connection(settings: Settings): Promise<{ url: string; password: string | null } | null> {
    if (settings.redisUrl === null) return null;
    if (!settings.redisPasswordStored) return { url: settings.redisUrl, password: splitRedisPassword(settings.redisUrl).password };
    const password = await guardKeychain(() => this.entry.load());
    return { url: password ? withRedisPassword(settings.redisUrl, password) : settings.redisUrl, password };
  }
}
