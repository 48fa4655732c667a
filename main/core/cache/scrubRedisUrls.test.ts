import { describe, expect, it } from 'vitest';
import { scrubRedisUrls } from './scrubRedisUrls';

describe('scrubRedisUrls', () => {
  it('masks the password of every Redis URL in a message', () => {
    const text = 'Error: connect ECONNREFUSED (redis://:hunter2@10.0.0.5:6379) and rediss://app:s3cr3t@cache:6380/0 failed';
    expect(scrubRedisUrls(text)).toBe('Error: connect ECONNREFUSED (redis://:•••@10.0.0.5:6379) and rediss://app:•••@cache:6380/0 failed');
  });

  it('replaces a known password anywhere, raw or percent-encoded, however short', () => {
    expect(scrubRedisUrls('AUTH pw failed; tried p%40w too', ['pw', 'p@w'])).toBe('AUTH [redacted] failed; tried [redacted] too');
  });

  it('leaves a URL without a password and other text alone', () => {
    expect(scrubRedisUrls('WRONGPASS invalid username-password pair at redis://127.0.0.1:6379', [null])).toBe('WRONGPASS invalid username-password pair at redis://127.0.0.1:6379');
  });
});
