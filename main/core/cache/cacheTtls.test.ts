import { describe, expect, it } from 'vitest';
import { CacheTtlSchema, cacheDataTypes, cacheTtlEnvNames, defaultSettings } from '../../../shared/settings';
import { resolveCacheTtls } from './cacheTtls';

describe('cache TTLs', () => {
  it("defaults to the original bot's table (OHLCV 1 d, ticker 30 s, deals 10 s, order book 5 s, balance 10 s)", () => {
    expect(resolveCacheTtls({})).toEqual({ ohlcv: 86_400, ticker: 30, deals: 10, orderBook: 5, balance: 10 });
  });

  it.each(cacheDataTypes)('takes the %s default from the settings field: the env default and the field default are one', (type) => {
    const fieldDefault = CacheTtlSchema.unwrap().shape[type].parse(undefined);
    expect(resolveCacheTtls({})[type]).toBe(fieldDefault);
    expect(resolveCacheTtls({ [cacheTtlEnvNames[type]]: '' })[type]).toBe(fieldDefault);
    expect(defaultSettings().cacheTtl[type]).toBe(fieldDefault);
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
