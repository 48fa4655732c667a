import type { OHLCV } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/settings';
import { sampleMarket } from '../../../test/support/sampleSnapshot';
import { LatestWhyNot, type WhyNotParts } from './LatestWhyNot';
import type { TradingEngine } from './TradingEngine';

const DAY = 86_400_000;
const candles = Array.from({ length: 120 }, (_, i): OHLCV => [i * DAY, 0.4, 0.4, 0.4, 0.4, 1000]);

/** A trading engine as far as the why-not reads it, counting how often its checks are gathered. */
function tradingStub() {
  const stub = { ready: true, stateVersion: 0, gathered: 0, orderChecksNow: () => (stub.gathered++, null) };
  return stub;
}

describe('LatestWhyNot: computed again only when what it reads changed', () => {
  const settings = defaultSettings();
  const parts = (trading: ReturnType<typeof tradingStub>, change: Partial<WhyNotParts> = {}): WhyNotParts => ({
    now: 10 * 60_000,
    status: { state: 'running', mode: 'dry-run', symbol: 'QRL/USDT', since: 0, reason: null },
    nextRunAt: 5,
    market: sampleMarket('0.4'),
    precision: { price: 4, amount: 2 },
    trading: trading as unknown as TradingEngine,
    dailyCandles: candles,
    settings,
    ...change,
  });

  it('answers from the last computation while nothing it reads moved', () => {
    const trading = tradingStub();
    const latest = new LatestWhyNot();
    const first = latest.of(parts(trading));
    expect(latest.of(parts(trading, { now: 10 * 60_000 + 59_000 }))).toBe(first);
    expect(trading.gathered).toBe(1);
  });

  it.each<[string, (trading: ReturnType<typeof tradingStub>) => Partial<WhyNotParts>]>([
    ['the price moved', () => ({ market: sampleMarket('0.41') })],
    ['trading refreshed', (trading) => (trading.stateVersion++, {})],
    ['a minute passed (the day may have turned)', () => ({ now: 11 * 60_000 })],
    ['the bot changed state', () => ({ status: { state: 'stopped', mode: 'dry-run', symbol: 'QRL/USDT', since: 0, reason: null } })],
    ['new candles came', () => ({ dailyCandles: [...candles] })],
    ['the settings were saved', () => ({ settings: defaultSettings() })],
  ])('computes again when %s', (_why, change) => {
    const trading = tradingStub();
    const latest = new LatestWhyNot();
    const first = latest.of(parts(trading));
    const second = latest.of(parts(trading, change(trading)));
    expect(trading.gathered).toBe(2);
    expect(second).not.toBe(first);
  });

  it('has nothing to say before the daily candles are in', () => {
    expect(new LatestWhyNot().of(parts(tradingStub(), { dailyCandles: null }))).toBeNull();
  });
});
