import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/settings';
import { getAt, isDirty, labelFromKey, newRuleId, parseNumberInput, setAt, validateSettings } from './settingsForm';

describe('settings form', () => {
  it('reads and writes a draft by path without touching the original', () => {
    const draft = defaultSettings();
    const next = setAt(draft, ['cacheTtl', 'ticker'], 45);
    expect(getAt(next, ['cacheTtl', 'ticker'])).toBe(45);
    expect(draft.cacheTtl.ticker).toBe(30);
    expect(next.priceAlerts).toBe(draft.priceAlerts);
    const withRule = setAt(draft, ['priceAlerts'], [{ id: 'r', type: 'above', value: '1', enabled: true }]);
    expect(getAt(setAt(withRule, ['priceAlerts', 0, 'value'], '2'), ['priceAlerts', 0, 'value'])).toBe('2');
  });

  it("shows the contract schema's own message on the field that broke it", () => {
    const draft = setAt(setAt(defaultSettings(), ['redisUrl'], 'http://x'), ['priceAlerts'], [{ id: 'r', type: 'above', value: '-1', enabled: true }]);
    const validation = validateSettings(draft);
    expect(validation.valid).toBe(false);
    expect(validation.fieldErrors.redisUrl).toBe('must start with redis:// or rediss://');
    expect(validation.fieldErrors['priceAlerts.0.value']).toMatch(/^must be a positive decimal number/);
  });

  it('rejects an emptied number field instead of silently restoring its default', () => {
    const validation = validateSettings(setAt(defaultSettings(), ['cacheTtl', 'ticker'], parseNumberInput('')));
    expect(validation.fieldErrors['cacheTtl.ticker']).toBeTruthy();
    expect(validateSettings(defaultSettings()).valid).toBe(true);
  });

  it('checks the rules across sections too, on the field the engine would name', () => {
    const draft = setAt(defaultSettings(), ['risk', 'maxPositionUsdt'], 10);
    expect(validateSettings(draft).fieldErrors['risk.maxPositionUsdt']).toContain('must be at least baseOrderUsdt');
    const ema = setAt(defaultSettings(), ['strategy', 'emaFast'], 80);
    expect(validateSettings(ema).fieldErrors['strategy.emaFast']).toContain('shorter than the slow one');
  });

  it('keeps working when a schema check throws instead of reporting, and names the field', () => {
    const rules = [
      { id: 'a', type: 'above', value: '0.3', enabled: true },
      { id: 'b', type: 'below', value: '', enabled: true },
    ];
    const validation = validateSettings(setAt(setAt(defaultSettings(), ['priceAlerts'], rules), ['redisUrl'], 'http://x'));
    expect(validation.valid).toBe(false);
    expect(validation.fieldErrors['priceAlerts.1.value']).toBeTruthy();
    expect(validation.fieldErrors['priceAlerts.0.value']).toBeUndefined();
    expect(validation.fieldErrors.redisUrl).toBe('must start with redis:// or rediss://');
  });

  it('labels unknown fields from their keys', () => {
    expect(labelFromKey('maxPositionUsdt')).toBe('Max position USDT');
    expect(labelFromKey('dailyLossCapPercent')).toBe('Daily loss cap %');
    expect(labelFromKey('emaPeriod')).toBe('EMA period');
  });

  it('knows when the draft differs from what was saved', () => {
    const saved = defaultSettings();
    expect(isDirty(saved, saved)).toBe(false);
    expect(isDirty(saved, setAt(saved, ['theme'], 'dark'))).toBe(true);
  });

  it('gives each new rule an id no other rule has', () => {
    const first = newRuleId(1000, []);
    expect(newRuleId(1000, [{ id: first }])).not.toBe(first);
  });
});
