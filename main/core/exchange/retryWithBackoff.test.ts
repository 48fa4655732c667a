import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { retryWithBackoff } from './retryWithBackoff';

function failing(errors: unknown[], value = 'ok') {
  let calls = 0;
  const work = async () => {
    const error = errors[calls++];
    if (error) throw error;
    return value;
  };
  return { work, calls: () => calls };
}

const timeout = () => new ccxt.RequestTimeout('mexc timed out');

describe('retryWithBackoff', () => {
  it('waits under 1 s, 2 s, 4 s ceilings (full jitter) and then succeeds', async () => {
    const sleeps: number[] = [];
    const { work, calls } = failing([timeout(), timeout(), timeout()]);
    await expect(retryWithBackoff(work, { sleep: async (ms) => void sleeps.push(ms), random: () => 0.999 })).resolves.toBe('ok');
    expect(sleeps).toEqual([999, 1_998, 3_996]);
    expect(calls()).toBe(4);
  });

  it('draws each wait from [0, ceiling): the jitter is the random draw', async () => {
    const sleeps: number[] = [];
    const draws = [0, 0.5];
    const { work } = failing([timeout(), timeout()]);
    await retryWithBackoff(work, { sleep: async (ms) => void sleeps.push(ms), random: () => draws.shift()! });
    expect(sleeps).toEqual([0, 1_000]);
  });

  it('gives up after maxRetries and throws the last error', async () => {
    const { work, calls } = failing([timeout(), timeout(), timeout()]);
    await expect(retryWithBackoff(work, { sleep: async () => undefined, random: () => 0, maxRetries: 2 })).rejects.toBeInstanceOf(ccxt.RequestTimeout);
    expect(calls()).toBe(3);
  });

  it('caps the ceiling', async () => {
    const sleeps: number[] = [];
    const { work } = failing(Array.from({ length: 6 }, timeout));
    await retryWithBackoff(work, { sleep: async (ms) => void sleeps.push(ms), random: () => 0.999, maxRetries: 6, capMs: 5_000 });
    expect(Math.max(...sleeps)).toBeLessThan(5_000);
  });

  it('never retries a permanent error', async () => {
    const { work, calls } = failing([new ccxt.AuthenticationError('mexc {"code":700002}')]);
    await expect(retryWithBackoff(work, { sleep: async () => undefined, random: () => 0 })).rejects.toBeInstanceOf(ccxt.AuthenticationError);
    expect(calls()).toBe(1);
  });

  it('never waits less than Retry-After', async () => {
    const sleeps: number[] = [];
    const limited = Object.assign(new ccxt.RateLimitExceeded('mexc'), { httpStatus: 429, retryAfterMs: 7_000 });
    const { work } = failing([limited]);
    await retryWithBackoff(work, { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 });
    expect(sleeps).toEqual([7_000]);
  });

  it('gives up at once when Retry-After is longer than the cap (a ban): the caller is not held for minutes', async () => {
    const banned = Object.assign(new ccxt.DDoSProtection(''), { httpStatus: 418, retryAfterMs: 120_000 });
    const { work, calls } = failing([banned]);
    await expect(retryWithBackoff(work, { sleep: async () => undefined, random: () => 0, capMs: 30_000 })).rejects.toBe(banned);
    expect(calls()).toBe(1);
  });

  it('lets the caller act before each retry (e.g. resync the clock)', async () => {
    const seen: number[] = [];
    const { work } = failing([new ccxt.InvalidNonce('mexc {"code":700003}')]);
    await retryWithBackoff(work, { sleep: async () => undefined, random: () => 0, onRetry: (attempt) => void seen.push(attempt) });
    expect(seen).toEqual([1]);
  });
});
