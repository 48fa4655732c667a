import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { describeExchangeError, sanitizeExchangeError } from './sanitizeExchangeError';

const apiKey = 'mx0vSECRETKEY12345';
const secret = 'a1b2c3d4e5f6a7b8c9d0';
const signedUrl = `https://api.mexc.com/api/v3/account?timestamp=1&recvWindow=5000&signature=0123abcdef0123abcdef`;

describe('error messages never carry secrets', () => {
  it('reduces a timeout to the path: no query, no signature', () => {
    const text = describeExchangeError(new ccxt.RequestTimeout(`mexc GET ${signedUrl} request timed out (10000 ms)`), [apiKey, secret]);
    expect(text).toBe('RequestTimeout: mexc GET /api/v3/account request timed out (10000 ms)');
  });

  it('drops the empty body ccxt leaves after an HTTP status', () => {
    expect(describeExchangeError(new ccxt.ExchangeNotAvailable(`mexc GET ${signedUrl} 502 Bad Gateway `))).toBe('ExchangeNotAvailable: mexc GET /api/v3/account 502 Bad Gateway');
  });

  it('reduces a MEXC body to its code and msg', () => {
    expect(describeExchangeError(new ccxt.AuthenticationError('mexc {"code":700002,"msg":"Signature for this request is not valid."}'))).toBe(
      'AuthenticationError: MEXC 700002: Signature for this request is not valid.',
    );
  });

  it('removes the API key and the secret wherever they appear', () => {
    const error = sanitizeExchangeError(new ccxt.ExchangeError(`mexc key ${apiKey} secret ${secret} signature=ffff header X-MEXC-APIKEY: ${apiKey}`), [apiKey, secret]);
    expect(error).toBeInstanceOf(ccxt.ExchangeError);
    expect(error.message).not.toContain(apiKey);
    expect(error.message).not.toContain(secret);
    expect(error.message).not.toMatch(/signature=f/);
    expect(error.stack).not.toContain(apiKey);
  });
});
