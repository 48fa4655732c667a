import { describe, expect, it } from 'vitest';
import { nextIndexForKey } from './keyboardNav';

describe('tablist keys', () => {
  it('moves with the arrows, wrapping at the ends, and jumps with Home/End', () => {
    expect(nextIndexForKey('ArrowRight', 0, 6)).toBe(1);
    expect(nextIndexForKey('ArrowRight', 5, 6)).toBe(0);
    expect(nextIndexForKey('ArrowLeft', 0, 6)).toBe(5);
    expect(nextIndexForKey('Home', 3, 6)).toBe(0);
    expect(nextIndexForKey('End', 3, 6)).toBe(5);
    expect(nextIndexForKey('Enter', 3, 6)).toBeNull();
  });
});
