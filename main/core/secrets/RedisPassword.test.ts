import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../../shared/settings';
import { MemorySecretEntry } from '../../../test/support/MemorySecretEntry';
import { RedisPassword } from './RedisPassword';

const withUrl = (redisUrl: string | null, redisPasswordStored = false): Settings => ({ ...defaultSettings(), redisUrl, redisPasswordStored });

describe('RedisPassword', () => {
  it('moves the password of a saved URL to the keychain and keeps the URL without it', async () => {
    const entry = new MemorySecretEntry();
    const secured = await new RedisPassword(entry).secure(withUrl('redis://app:s3cret-pw@cache:6379/0'), defaultSettings());
    expect(secured).toMatchObject({ redisUrl: 'redis://app@cache:6379/0', redisPasswordStored: true });
    expect(JSON.stringify(secured)).not.toContain('s3cret-pw');
    expect(entry.value).toBe('s3cret-pw');
  });

  it('keeps the stored password when the page sends the URL back without it', async () => {
    const entry = Object.assign(new MemorySecretEntry(), { value: 'kept-pw' });
    const secured = await new RedisPassword(entry).secure(withUrl('redis://cache:6380', true), withUrl('redis://cache:6379', true));
    expect(secured).toMatchObject({ redisUrl: 'redis://cache:6380', redisPasswordStored: true });
    expect(entry.value).toBe('kept-pw');
  });

  it('drops the stored password when asked to, or when the URL is cleared', async () => {
    for (const next of [withUrl('redis://cache:6379', false), withUrl(null, true)]) {
      const entry = Object.assign(new MemorySecretEntry(), { value: 'old-pw' });
      const secured = await new RedisPassword(entry).secure(next, withUrl('redis://cache:6379', true));
      expect(secured.redisPasswordStored).toBe(false);
      expect(entry.value).toBeNull();
    }
  });

  it('never claims a stored password on the flag alone', async () => {
    const entry = new MemorySecretEntry();
    const secured = await new RedisPassword(entry).secure(withUrl('redis://cache:6379', true), defaultSettings());
    expect(secured.redisPasswordStored).toBe(false);
  });

  it('refuses with KEYCHAIN_UNAVAILABLE, returning nothing to write, when the keychain cannot take the password', async () => {
    const entry = Object.assign(new MemorySecretEntry(), { unavailable: true });
    const attempt = new RedisPassword(entry).secure(withUrl('redis://:s3cret-pw@cache:6379'), defaultSettings());
    await expect(attempt).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    await expect(attempt).rejects.not.toThrow(/s3cret-pw/);
  });

  it('rebuilds the full URL from the settings and the keychain for the connection only', async () => {
    const entry = Object.assign(new MemorySecretEntry(), { value: 'p@ss:word' });
    const redisPassword = new RedisPassword(entry);
    expect(await redisPassword.connection(withUrl('rediss://app@cache:6380/1', true))).toEqual({ url: 'rediss://app:p%40ss%3Aword@cache:6380/1', password: 'p@ss:word' });
    expect(await redisPassword.connection(withUrl('redis://cache:6379'))).toEqual({ url: 'redis://cache:6379', password: null });
    expect(await redisPassword.connection(withUrl(null))).toBeNull();
  });
});
