import { describe, expect, it } from 'vitest';
import { DEFAULT_REDIS_NAMESPACE, redisKeyPrefix } from './redisKeyPrefix';

describe('redisKeyPrefix (REDIS_NAMESPACE, the original bot key scheme)', () => {
  it('is qrl:v1: by default, as the original bot names its keys (qrl:v1:ticker:QRL/USDT)', () => {
    expect(DEFAULT_REDIS_NAMESPACE).toBe('qrl');
    expect(redisKeyPrefix()).toBe('qrl:v1:');
    expect(redisKeyPrefix({ REDIS_NAMESPACE: '' })).toBe('qrl:v1:');
  });

  it('uses REDIS_NAMESPACE when set, keeping the version', () => {
    expect(redisKeyPrefix({ REDIS_NAMESPACE: 'home-bot_2' })).toBe('home-bot_2:v1:');
  });

  it.each(['a:b', 'with space', 'qrl*', 'x'.repeat(65)])('refuses %j with an error naming the variable', (value) => {
    expect(() => redisKeyPrefix({ REDIS_NAMESPACE: value })).toThrow(/^REDIS_NAMESPACE must be/);
  });
});
