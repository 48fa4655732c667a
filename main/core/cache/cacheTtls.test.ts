import { describe, expect, it } from 'vitest';
import { CacheTtlSchema, cacheTtlEnvNames, defaultSettings } from '../../../shared/settings';
import { resolveCacheTtls } from './cacheTtls';

describe('cache TTLs', () => {
  it("defaults to the original bot's table, defined once in the settings schema", () => {
    expect(resolveCacheTtls({})).toEqual({ ohlcv: 86_400, ticker: 30, deals: 10, orderBook: 5, balance: 10 });
    expect(resolveCacheTtls({})).toEqual(defaultSettings().cacheTtl);
    expect(resolveCacheTtls({})).toEqual(CacheTtlSchema.parse(undefined));
  });

  it('reads each REDIS_CACHE_TTL_* over the settings', () => {
    const env = { REDIS_CACHE_TTL_OHLCV: '600', REDIS_CACHE_TTL_TICKER: '5', REDIS_CACHE_TTL_DEALS: '3', REDIS_CACHE_TTL_ORDERBOOK: '2', REDIS_CACHE_TTL_BALANCE: '20' };
    expect(resolveCacheTtls(env, { ...defaultSettings().cacheTtl, ticker: 60 })).toEqual({ ohlcv: 600, ticker: 5, deals: 3, orderBook: 2, balance: 20 });
    expect(Object.values(cacheTtlEnvNames).sort()).toEqual(Object.keys(env).sort());
  });

  it('keeps settings values where no env override is set', () => {
    expect(resolveCacheTtls({}, { ...defaultSettings().cacheTtl, ticker: 60 }).ticker).toBe(60);
  });

  it.each(['0', '-5', '1.5', 'soon', '999999999'])('refuses REDIS_CACHE_TTL_TICKER=%s naming the variable', (raw) => {
    expect(() => resolveCacheTtls({ REDIS_CACHE_TTL_TICKER: raw })).toThrow('REDIS_CACHE_TTL_TICKER');
  });
});
