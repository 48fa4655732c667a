import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { classifyError } from './classifyError';

const withHttp = <E extends Error>(error: E, httpStatus: number, retryAfterMs?: number) => Object.assign(error, { httpStatus, retryAfterMs });

describe('classifyError', () => {
  it.each([
    ['a dropped connection', new ccxt.NetworkError('mexc GET … fetch failed')],
    ['a timeout', new ccxt.RequestTimeout('mexc GET … request timed out')],
    ['a 502 with an empty body', new ccxt.ExchangeNotAvailable('mexc')],
    ['maintenance', new ccxt.OnMaintenance('mexc maintenance')],
    ['a 500 whose body carries an unmapped code', withHttp(new ccxt.ExchangeError('mexc {"code":500}'), 500)],
    ['an unreadable answer', new ccxt.BadResponse('not JSON')],
    ['a TypeError from a malformed body', new TypeError("Cannot read properties of undefined (reading 'symbol')")],
  ])('calls %s transient', (_name, error) => {
    expect(classifyError(error).kind).toBe('transient');
  });

  it.each([
    ['429', withHttp(new ccxt.RateLimitExceeded('mexc {"code":429}'), 429, 2_000)],
    ['418', withHttp(new ccxt.DDoSProtection('mexc'), 418, 120_000)],
  ])('calls a %s transient and rate-limited, with its Retry-After', (_name, error) => {
    expect(classifyError(error)).toMatchObject({ kind: 'transient', rateLimited: true, retryAfterMs: error.retryAfterMs });
  });

  it.each([
    ['a bad signature', new ccxt.AuthenticationError('mexc {"code":700002}')],
    ['a missing permission', new ccxt.PermissionDenied('mexc {"code":700007}')],
    ['bad parameters', new ccxt.BadRequest('mexc {"code":33333}')],
    ['insufficient funds', new ccxt.InsufficientFunds('mexc {"code":30004}')],
    ['an unknown symbol', new ccxt.BadSymbol('mexc {"code":-1121}')],
    ['an invalid order', new ccxt.InvalidOrder('mexc {"code":30002}')],
    ['a 400 with an unmapped code', withHttp(new ccxt.ExchangeError('mexc {"code":12345}'), 400)],
  ])('calls %s permanent', (_name, error) => {
    expect(classifyError(error).kind).toBe('permanent');
    expect(classifyError(error, { write: true }).kind).toBe('permanent');
  });

  it.each([
    ['a 5xx', new ccxt.ExchangeNotAvailable('mexc')],
    ['a 504 after MEXC accepted it', new ccxt.RequestTimeout('mexc {"code":504}')],
    ['a timeout', new ccxt.RequestTimeout('mexc request timed out')],
    ['a reset connection', new ccxt.NetworkError('mexc fetch failed: other side closed')],
    ['an unreadable answer', new TypeError('bad body')],
  ])('calls %s on an order an unknown outcome', (_name, error) => {
    expect(classifyError(error, { write: true }).kind).toBe('unknown-outcome');
  });

  it('knows an order refused by the gateway (429, 418, timestamp window) was not placed', () => {
    expect(classifyError(withHttp(new ccxt.RateLimitExceeded('mexc'), 429), { write: true }).kind).toBe('transient');
    expect(classifyError(withHttp(new ccxt.DDoSProtection(''), 418), { write: true }).kind).toBe('transient');
    expect(classifyError(new ccxt.InvalidNonce('mexc {"code":700003}'), { write: true })).toMatchObject({ kind: 'transient', clockSkew: true });
  });

  it('has no Retry-After when MEXC sent none', () => {
    expect(classifyError(new ccxt.RateLimitExceeded('mexc')).retryAfterMs).toBeNull();
  });
});
