import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { createMexcExchange, MEXC_BASE_URL } from './SpotOnlyMexc';

/** ccxt's own error path for a response body, without a network (mexc.js handleErrors). */
function errorFor(code: number, status = 400): unknown {
  const exchange = createMexcExchange();
  const body = JSON.stringify({ code, msg: 'x' });
  try {
    exchange.handleErrors(status, 'Bad Request', `${MEXC_BASE_URL}/api/v3/order`, 'POST', {}, body, JSON.parse(body), {}, '');
  } catch (error) {
    return error;
  }
  return null;
}

describe('createMexcExchange', () => {
  it.each([
    [-1003, ccxt.RateLimitExceeded],
    [-1022, ccxt.AuthenticationError],
    [-2015, ccxt.AuthenticationError],
    [-2013, ccxt.OrderNotFound],
    [-2011, ccxt.OrderNotFound],
    [700006, ccxt.PermissionDenied],
    [700007, ccxt.PermissionDenied],
    [30029, ccxt.InvalidOrder],
    [10072, ccxt.AuthenticationError],
  ])('maps MEXC code %i, which ccxt leaves unmapped or too coarse, to its ccxt class', (code, errorClass) => {
    const error = errorFor(code, code === -1003 ? 429 : 400);
    expect(error).toBeInstanceOf(errorClass);
  });

  it("keeps ccxt's own mappings (700002 auth, 30004 funds, -1121 symbol)", () => {
    expect(errorFor(700002)).toBeInstanceOf(ccxt.AuthenticationError);
    expect(errorFor(30004)).toBeInstanceOf(ccxt.InsufficientFunds);
    expect(errorFor(-1121)).toBeInstanceOf(ccxt.BadSymbol);
  });

  it("turns ccxt's throttle and the signed currencies call off, and points both spot APIs at the base URL", () => {
    const exchange = createMexcExchange({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 1_234 });
    expect(exchange.enableRateLimit).toBe(false);
    expect(exchange.has.fetchCurrencies).toBe(false);
    expect(exchange.timeout).toBe(1_234);
    const spot = (exchange.urls as unknown as { api: { spot: { public: string; private: string } } }).api.spot;
    expect(spot).toEqual({ public: 'http://127.0.0.1:9', private: 'http://127.0.0.1:9' });
  });

  it('never loads swap markets', async () => {
    await expect(createMexcExchange().fetchSwapMarkets()).resolves.toEqual([]);
  });

  it('stamps signed requests with the injected clock', () => {
    const exchange = createMexcExchange({ clock: { now: () => 1_700_000_000_000 } });
    expect(exchange.milliseconds()).toBe(1_700_000_000_000);
  });
});
