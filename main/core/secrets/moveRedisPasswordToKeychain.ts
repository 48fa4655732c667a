import { splitRedisPassword } from '../../../shared/splitRedisPassword';
import type { Logger } from '../logging/Logger';
import type { SettingsStore } from '../settings/SettingsStore';
import type { RedisPassword } from './RedisPassword';

/**
 * A settings file written before the Redis password moved to the keychain
 * (issue 14) holds it in plain text: move it there and rewrite the file. A
 * keychain that cannot take it leaves the file as it was and says so.
 */
export async function moveRedisPasswordToKeychain(store: SettingsStore, redisPassword: RedisPassword, logger: Logger): Promise<void> {
  const settings = store.settings;
  if (settings.redisUrl === null || splitRedisPassword(settings.redisUrl).password === null) return;
  try {
    const secured = await redisPassword.secure(settings, settings);
    await store.save(secured);
    // save() keeps the file it replaces as settings.json.bak: the second save replaces that copy too.
    await store.save(secured);
    logger.info('The Redis password moved from the settings file to the OS keychain.');
  } catch (error) {
    logger.warn(`The Redis password is still in the settings file: ${(error as Error).message}`);
  }
}
