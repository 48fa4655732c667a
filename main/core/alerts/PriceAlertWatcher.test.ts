import { describe, expect, it } from 'vitest';
import type { PriceAlertRule } from '../../../shared/settings';
import { PriceAlertWatcher } from './PriceAlertWatcher';

const rule = (type: PriceAlertRule['type'], value: string, enabled = true): PriceAlertRule => ({ id: `${type}-${value}`, type, value, enabled });

describe('PriceAlertWatcher', () => {
  it('fires once when the price reaches a line above, and again only after it dipped back', () => {
    const watcher = new PriceAlertWatcher();
    const rules = [rule('above', '0.5000')];
    const fired = ['0.49', '0.50', '0.51', '0.52', '0.49', '0.53'].map((last) => watcher.check(rules, 'QRL/USDT', last, null).length);
    expect(fired).toEqual([0, 1, 0, 0, 0, 1]);
  });

  it('fires for a fall below a line with the price in the message', () => {
    const alerts = new PriceAlertWatcher().check([rule('below', '0.3')], 'QRL/USDT', '0.2999', null);
    expect(alerts).toEqual([
      expect.objectContaining({ kind: 'price', severity: 'warning', message: 'QRL/USDT is at 0.2999, at or below your alert at 0.3.' }),
    ]);
  });

  it('fires for a 24 h move either way, and stays quiet without 24 h data', () => {
    const watcher = new PriceAlertWatcher();
    expect(watcher.check([rule('move24h', '10')], 'QRL/USDT', '0.4', null)).toEqual([]);
    expect(watcher.check([rule('move24h', '10')], 'QRL/USDT', '0.4', '-12.5')[0]!.message).toBe('QRL/USDT moved -12.5% in 24 h (your alert: ±10%).');
  });

  it('ignores disabled rules', () => {
    expect(new PriceAlertWatcher().check([rule('above', '0.1', false)], 'QRL/USDT', '0.4', null)).toEqual([]);
  });
});
