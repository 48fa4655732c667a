import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { KeytarSecretEntry } from '../../main/core/secrets/KeytarSecretEntry';
import { KeytarSecretStore } from '../../main/core/secrets/KeytarSecretStore';
import { REDIS_PASSWORD_ACCOUNT } from '../../main/core/secrets/RedisPassword';
import { missingKeychainReason } from '../support/keychainProbe';

const skipReason = await missingKeychainReason();

describe.skipIf(skipReason !== null)('the Redis password in the real OS keychain (keytar)', () => {
  // A service name of its own per run, so the test never touches a user's real entries.
  const service = `qrl-tray-bot-test-${randomBytes(4).toString('hex')}`;
  const apiKeys = new KeytarSecretStore(service);
  const redisPassword = new KeytarSecretEntry(REDIS_PASSWORD_ACCOUNT, service);
  afterAll(async () => {
    await apiKeys.clear();
    await redisPassword.clear();
  });

  it('is an entry of its own beside the API keys: saving or clearing one leaves the other', async () => {
    const credentials = { apiKey: `mx0v${randomBytes(12).toString('hex')}`, secret: randomBytes(16).toString('hex') };
    const password = `p@ss:${randomBytes(6).toString('hex')}`;
    await apiKeys.save(credentials);
    await redisPassword.save(password);
    // Fresh instances read what the keychain holds, not a cache.
    expect(await new KeytarSecretEntry(REDIS_PASSWORD_ACCOUNT, service).load()).toBe(password);
    expect(await new KeytarSecretStore(service).load()).toEqual(credentials);

    await redisPassword.clear();
    expect(await new KeytarSecretEntry(REDIS_PASSWORD_ACCOUNT, service).load()).toBeNull();
    expect(await new KeytarSecretStore(service).load()).toEqual(credentials);
  });
});

describe('a keychain that cannot be used for the Redis password', () => {
  it('fails with KeychainUnavailableError and advice, never falling back to a file', async () => {
    const broken = new KeytarSecretEntry(REDIS_PASSWORD_ACCOUNT, 'qrl-tray-bot-test', async () => {
      throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
    });
    await expect(broken.save('pw')).rejects.toMatchObject({ name: 'KeychainUnavailableError', message: expect.stringContaining('gnome-keyring') });
  });

  it('fails with KeychainTimeoutError when the keychain never answers', async () => {
    const hung = new KeytarSecretEntry(REDIS_PASSWORD_ACCOUNT, 'qrl-tray-bot-test', async () => ({ getPassword: () => new Promise<never>(() => undefined) }) as never, 20);
    await expect(hung.load()).rejects.toMatchObject({ name: 'KeychainTimeoutError' });
  });
});
