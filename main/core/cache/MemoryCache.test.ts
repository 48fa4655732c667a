import { describe, expect, it } from 'vitest';
import { MemoryCache } from './MemoryCache';

function clock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('MemoryCache', () => {
  it('serves a value until its expiry and not at or after it', async () => {
    const c = clock();
    const cache = new MemoryCache(c);
    await cache.set('ticker:QRL/USDT', { last: 0.4 }, 30_000);
    c.advance(29_999);
    expect(await cache.get('ticker:QRL/USDT')).toEqual({ last: 0.4 });
    c.advance(1);
    expect(await cache.get('ticker:QRL/USDT')).toBeUndefined();
  });

  it('forgets a deleted key', async () => {
    const cache = new MemoryCache(clock());
    await cache.set('balance:x', 1, 10_000);
    await cache.delete('balance:x');
    expect(await cache.get('balance:x')).toBeUndefined();
  });

  it('stays bounded, dropping the oldest entries first', async () => {
    const cache = new MemoryCache(clock(), 3);
    for (const key of ['a', 'b', 'c', 'd']) await cache.set(key, key, 1_000);
    expect(await cache.get('a')).toBeUndefined();
    expect(await cache.get('d')).toBe('d');
  });

  it('says it is the memory cache', () => {
    expect(new MemoryCache(clock()).status).toBe('memory');
  });
});
