import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiKeys } from '../../main/core/secrets/ApiKeys';
import { KeytarSecretStore } from '../../main/core/secrets/KeytarSecretStore';
import { missingKeychainReason } from '../support/keychainProbe';

const skipReason = await missingKeychainReason();

describe.skipIf(skipReason !== null)('API keys in the real OS keychain (keytar)', () => {
  // A service name of its own per run, so the test never touches a user's real entry.
  const service = `qrl-tray-bot-test-${randomBytes(4).toString('hex')}`;
  const store = new KeytarSecretStore(service);
  const credentials = { apiKey: `mx0v${randomBytes(12).toString('hex')}`, secret: randomBytes(16).toString('hex') };
  afterEach(() => store.clear());

  it('saves, reads back, masks and deletes the keys', async () => {
    const keys = new ApiKeys(store);
    expect(await keys.status()).toEqual({ configured: false, maskedKey: null });

    const saved = await keys.save(credentials);
    expect(saved).toEqual({ configured: true, maskedKey: `mx0v…${credentials.apiKey.slice(-4)}` });
    expect(JSON.stringify(saved)).not.toContain(credentials.secret);
    expect(JSON.stringify(saved)).not.toContain(credentials.apiKey);

    // A fresh store on the same service reads what the keychain holds, not a cache.
    expect(await new KeytarSecretStore(service).load()).toEqual(credentials);

    expect(await keys.clear()).toEqual({ configured: false, maskedKey: null });
    expect(await new KeytarSecretStore(service).load()).toBeNull();
  });

  it('overwrites rather than duplicates when keys are saved twice', async () => {
    await store.save(credentials);
    const replacement = { apiKey: `mx0v${randomBytes(12).toString('hex')}`, secret: randomBytes(16).toString('hex') };
    await store.save(replacement);
    expect(await store.load()).toEqual(replacement);
  });
});

describe('keychain failures', () => {
  it('reports an unusable keychain as KEYCHAIN_UNAVAILABLE with advice, never falling back to a file', async () => {
    const broken = new KeytarSecretStore('qrl-tray-bot-test', async () => {
      throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
    });
    const keys = new ApiKeys(broken);
    await expect(keys.save({ apiKey: 'mx0vABCDEFGHIJ', secret: 'S'.repeat(32) })).rejects.toMatchObject({
      code: 'KEYCHAIN_UNAVAILABLE',
      message: expect.stringContaining('gnome-keyring'),
    });
    await expect(keys.status()).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
  });
});
