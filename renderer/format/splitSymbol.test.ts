import { describe, expect, it } from 'vitest';
import { splitSymbol } from './splitSymbol';

describe('splitSymbol', () => {
  it('splits a unified spot symbol into base and quote', () => {
    expect(splitSymbol('QRL/USDT')).toEqual({ base: 'QRL', quote: 'USDT' });
    expect(splitSymbol('BTC/USDC')).toEqual({ base: 'BTC', quote: 'USDC' });
  });

  it('keeps a symbol without a slash whole as the base, with no quote', () => {
    expect(splitSymbol('QRLUSDT')).toEqual({ base: 'QRLUSDT', quote: '' });
  });
});
