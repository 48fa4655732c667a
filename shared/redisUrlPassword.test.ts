import { describe, expect, it } from 'vitest';
import { maskRedisUrl } from './maskRedisUrl';
import { splitRedisPassword } from './splitRedisPassword';
import { withRedisPassword } from './withRedisPassword';

describe('a Redis URL and its password', () => {
  it.each([
    ['redis://:secret@host:6379', 'redis://host:6379', 'secret'],
    ['redis://user:secret@host:6379/2?family=6', 'redis://user@host:6379/2?family=6', 'secret'],
    ['rediss://:p%40ss%3Aw%2Fd@cache.example:6380', 'rediss://cache.example:6380', 'p@ss:w/d'],
    ['redis://127.0.0.1:6379', 'redis://127.0.0.1:6379', null],
    ['redis://user@[::1]:6379', 'redis://user@[::1]:6379', null],
  ])('splits %s into %s and its password', (url, rest, password) => {
    expect(splitRedisPassword(url)).toEqual({ url: rest, password });
  });

  it('puts a password back so that splitting it again gives the same password, whatever its characters', () => {
    for (const password of ['secret', 'p@ss:w/rd?#%zz', 'ünï cödé', '100%']) {
      const full = withRedisPassword('redis://user@host:6379/0', password);
      expect(splitRedisPassword(full)).toEqual({ url: 'redis://user@host:6379/0', password });
    }
  });

  it('refuses a URL that cannot be parsed instead of guessing', () => {
    expect(() => splitRedisPassword('redis://:pw@host:notaport')).toThrow();
  });

  it.each([
    ['redis://:secret@host:6379', false, 'redis://:•••@host:6379'],
    ['rediss://user:secret@host:6380/1', false, 'rediss://user:•••@host:6380/1'],
    ['redis://host:6379', true, 'redis://:•••@host:6379'],
    ['redis://user@host:6379', true, 'redis://user:•••@host:6379'],
    ['redis://host:6379', false, 'redis://host:6379'],
    ['redis://:secret@host:notaport', false, 'redis://:•••@host:notaport'],
    ['redis://app:p@ss@host:notaport', false, 'redis://app:•••@host:notaport'],
  ])('masks %s (password stored: %s) as %s', (url, stored, shown) => {
    expect(maskRedisUrl(url, stored)).toBe(shown);
  });
});
