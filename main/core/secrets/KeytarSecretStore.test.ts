import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiKeys } from './ApiKeys';
import { KeychainTimeoutError } from './KeychainTimeoutError';
import { KEYCHAIN_TIMEOUT_MS, KeytarSecretStore } from './KeytarSecretStore';

type Keytar = typeof import('keytar');

/** A keytar whose every call waits on `answer`: a locked keyring is one that never answers. */
function keytarAnswering(answer: () => Promise<string | null>): () => Promise<Keytar> {
  return async () => ({ getPassword: answer, setPassword: answer, deletePassword: answer }) as unknown as Keytar;
}

describe('KeytarSecretStore: a keychain that does not answer', () => {
  afterEach(() => vi.useRealTimers());

  it('fails with KeychainTimeoutError when the timeout passes, and not a moment before', async () => {
    vi.useFakeTimers();
    const store = new KeytarSecretStore('qrl-tray-bot-test', keytarAnswering(() => new Promise(() => undefined)));
    const outcome = store.load().then(
      () => 'answered',
      (error: unknown) => error,
    );
    await vi.advanceTimersByTimeAsync(KEYCHAIN_TIMEOUT_MS - 1);
    expect(await Promise.race([outcome, Promise.resolve('pending')])).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    const error = await outcome;
    expect(error).toBeInstanceOf(KeychainTimeoutError);
    expect((error as Error).message).toContain('no answer within 20 s; a locked keyring may be waiting for its password');
  });

  it('reaches the page as KEYCHAIN_UNAVAILABLE with what to do', async () => {
    const keys = new ApiKeys(new KeytarSecretStore('qrl-tray-bot-test', keytarAnswering(() => new Promise(() => undefined)), 5));
    await expect(keys.status()).rejects.toMatchObject({
      code: 'KEYCHAIN_UNAVAILABLE',
      message: expect.stringMatching(/no answer within .*unlock or install one/),
    });
  });

  it('answers normally in time and leaves no timer behind', async () => {
    vi.useFakeTimers();
    const store = new KeytarSecretStore('qrl-tray-bot-test', keytarAnswering(async () => JSON.stringify({ apiKey: 'mx0vKEY', secret: 'S' })));
    await expect(store.load()).resolves.toEqual({ apiKey: 'mx0vKEY', secret: 'S' });
    expect(vi.getTimerCount()).toBe(0);
  });
});
