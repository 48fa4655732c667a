import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32';

describe('crc32', () => {
  it('matches the standard check value and zlib for UTF-8 text', () => {
    expect(crc32('123456789')).toBe('cbf43926');
    expect(crc32('')).toBe('00000000');
    expect(crc32('QRL ≤ EMA60')).toBe(crc32('QRL ≤ EMA60'));
    expect(crc32('a')).not.toBe(crc32('b'));
  });
});
