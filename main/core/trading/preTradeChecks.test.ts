import { describe, expect, it } from 'vitest';
import type { MarketInterface } from 'ccxt';
import { marketInfoFromCcxt } from './MarketInfo';
import type { OrderIntent } from './OrderIntent';
import { checkPreTrade, normalizeOrder, type PreTradeContext, type PreTradeResult } from './preTradeChecks';
import { qrlTestMarket } from '../../../test/support/qrlTestMarket';

const buy = (price: string, amount: string): OrderIntent => ({ symbol: 'QRL/USDT', side: 'buy', type: 'limit', price, amount, reason: 'test' });
const sell = (price: string, amount: string): OrderIntent => ({ ...buy(price, amount), side: 'sell' });
const context = (overrides: Partial<PreTradeContext> = {}): PreTradeContext => ({
  market: qrlTestMarket(),
  freeBalances: { USDT: '1000', QRL: '500' },
  openOrderCount: 0,
  maxOpenOrders: 5,
  ...overrides,
});
const codes = (result: PreTradeResult) => (result.ok ? [] : result.rejections.map((r) => r.code));

describe('normalizeOrder', () => {
  it('rounds a buy price down to the tick and cuts the amount to the step', () => {
    const { order, adjustments } = normalizeOrder(buy('0.397978', '125.634428766'), qrlTestMarket());
    expect(order).toMatchObject({ price: '0.3979', amount: '125.63' });
    expect(adjustments).toEqual(['price 0.397978 rounded to 0.3979 (tick 0.0001)', 'amount 125.634428766 cut to 125.63 (step 0.01)']);
  });

  it('rounds a sell price up, so a sell never asks less than the strategy meant', () => {
    expect(normalizeOrder(sell('0.41231', '10'), qrlTestMarket()).order.price).toBe('0.4124');
  });

  it('leaves an order already on the tick and step as it is', () => {
    expect(normalizeOrder(buy('0.4', '12.5'), qrlTestMarket())).toEqual({ order: buy('0.4', '12.5'), adjustments: [] });
  });
});

describe('checkPreTrade', () => {
  it('passes a normal order and returns what will be sent, with its exact cost', () => {
    const result = checkPreTrade(buy('0.397978', '125.634428766'), context());
    expect(result).toEqual({ ok: true, order: buy('0.3979', '125.63'), cost: '49.988177', adjustments: expect.any(Array) });
  });

  it('checks the normalized order, not the raw one (cost after cutting the amount)', () => {
    const market = qrlTestMarket({ minCost: '1' });
    expect(checkPreTrade(buy('0.4', '2.509'), context({ market })).ok).toBe(true); // 2.50 × 0.4 = 1.000
    expect(codes(checkPreTrade(buy('0.4', '2.499'), context({ market })))).toEqual(['BELOW_MIN_COST']); // 2.49 × 0.4 = 0.996
  });

  it('MARKET_INACTIVE: refuses a market that is paused or offline', () => {
    const result = checkPreTrade(buy('0.4', '10'), context({ market: qrlTestMarket({ online: false }) }));
    expect(codes(result)).toEqual(['MARKET_INACTIVE']);
    expect(result.ok ? '' : result.rejections[0]!.message).toMatch(/not trading on MEXC right now/);
  });

  it('NOT_API_TRADEABLE: refuses a market MEXC does not open to API trading', () => {
    expect(codes(checkPreTrade(buy('0.4', '10'), context({ market: qrlTestMarket({ apiTradeable: false }) })))).toEqual(['NOT_API_TRADEABLE']);
  });

  it('SIDE_NOT_ALLOWED: refuses a buy on a sell-only market', () => {
    expect(codes(checkPreTrade(buy('0.4', '10'), context({ market: qrlTestMarket({ sides: 'sell-only' }) })))).toEqual(['SIDE_NOT_ALLOWED']);
    expect(checkPreTrade(sell('0.4', '10'), context({ market: qrlTestMarket({ sides: 'sell-only' }) })).ok).toBe(true);
  });

  it('PRICE_PRECISION: refuses a price below one tick', () => {
    expect(codes(checkPreTrade(buy('0.00004', '100000'), context({ market: qrlTestMarket({ minCost: null }) })))).toEqual(['PRICE_PRECISION']);
  });

  it('AMOUNT_PRECISION: refuses an amount below one step', () => {
    expect(codes(checkPreTrade(buy('0.4', '0.004'), context({ market: qrlTestMarket({ minCost: null }) })))).toEqual(['AMOUNT_PRECISION']);
  });

  it("BELOW_MIN_AMOUNT: refuses less than MEXC's minimum quantity (baseSizePrecision)", () => {
    const result = checkPreTrade(buy('1', '2'), context({ market: qrlTestMarket({ minAmount: '5' }) }));
    expect(codes(result)).toEqual(['BELOW_MIN_AMOUNT']);
    expect(result.ok ? '' : result.rejections[0]!.message).toBe("Amount 2 QRL is below MEXC's minimum of 5 QRL; raise the order size.");
  });

  it("BELOW_MIN_COST: refuses less than MEXC's minimum order value (quoteAmountPrecision)", () => {
    const result = checkPreTrade(buy('0.4', '2'), context());
    expect(codes(result)).toEqual(['BELOW_MIN_COST']);
    expect(result.ok ? '' : result.rejections[0]!.message).toBe("Order value 0.8 USDT is below MEXC's minimum of 1 USDT; raise the order size.");
  });

  it("ABOVE_MAX_COST: refuses more than MEXC's maximum order value (maxQuoteAmount)", () => {
    expect(codes(checkPreTrade(buy('0.4', '300'), context({ market: qrlTestMarket({ maxCost: '100' }) })))).toEqual(['ABOVE_MAX_COST']);
  });

  it('INSUFFICIENT_BALANCE: a buy needs price × amount of free USDT', () => {
    const result = checkPreTrade(buy('0.4', '125'), context({ freeBalances: { USDT: '49.99' } }));
    expect(codes(result)).toEqual(['INSUFFICIENT_BALANCE']);
    expect(result.ok ? '' : result.rejections[0]!.message).toBe('The order needs 50 USDT but only 49.99 USDT is free.');
    expect(checkPreTrade(buy('0.4', '125'), context({ freeBalances: { USDT: '50' } })).ok).toBe(true);
  });

  it('INSUFFICIENT_BALANCE: a sell needs the amount of free QRL', () => {
    expect(codes(checkPreTrade(sell('0.4', '600'), context()))).toEqual(['INSUFFICIENT_BALANCE']);
  });

  it('OPEN_ORDER_CAP: refuses an order past the open-order limit in settings', () => {
    const result = checkPreTrade(buy('0.4', '10'), context({ openOrderCount: 5, maxOpenOrders: 5 }));
    expect(codes(result)).toEqual(['OPEN_ORDER_CAP']);
    expect(result.ok ? '' : result.rejections[0]!.message).toMatch(/the open-order limit in settings is 5/);
  });

  it("OPEN_ORDER_CAP: never goes past MEXC's 500, whatever the setting says", () => {
    const result = checkPreTrade(buy('0.4', '10'), context({ openOrderCount: 500, maxOpenOrders: 10_000 }));
    expect(codes(result)).toEqual(['OPEN_ORDER_CAP']);
    expect(result.ok ? '' : result.rejections[0]!.message).toMatch(/MEXC's limit is 500/);
  });

  it('INVALID_ORDER: refuses a zero, negative or unparseable price or amount', () => {
    expect(codes(checkPreTrade(buy('0', '10'), context()))).toEqual(['INVALID_ORDER']);
    expect(codes(checkPreTrade(buy('0.4', '-1'), context()))).toEqual(['INVALID_ORDER']);
    expect(codes(checkPreTrade(buy('abc', '1'), context()))).toEqual(['INVALID_ORDER']);
  });

  it('SYMBOL_MISMATCH: refuses an order checked against another market', () => {
    expect(codes(checkPreTrade({ ...buy('0.4', '10'), symbol: 'BTC/USDT' }, context()))).toEqual(['SYMBOL_MISMATCH']);
  });

  it('reports every problem at once, in a fixed order', () => {
    const market = qrlTestMarket({ online: false, apiTradeable: false });
    expect(codes(checkPreTrade(buy('0.4', '2'), context({ market, freeBalances: {}, openOrderCount: 5 })))).toEqual([
      'MARKET_INACTIVE',
      'NOT_API_TRADEABLE',
      'BELOW_MIN_COST',
      'INSUFFICIENT_BALANCE',
      'OPEN_ORDER_CAP',
    ]);
  });
});

describe('marketInfoFromCcxt', () => {
  it("reads ccxt's parsed mexc market and its raw exchangeInfo fields", () => {
    const market = {
      symbol: 'QRL/USDT',
      base: 'QRL',
      quote: 'USDT',
      active: false,
      maker: 0.001,
      taker: 0.002,
      precision: { price: 0.0001, amount: 1e-8 },
      limits: { amount: { min: 0.01 }, cost: { min: 1, max: 5000000 } },
      info: { status: '1', isSpotTradingAllowed: false, tradeSideType: '2' },
    } as unknown as MarketInterface;
    expect(marketInfoFromCcxt(market)).toEqual({
      symbol: 'QRL/USDT',
      base: 'QRL',
      quote: 'USDT',
      online: true,
      apiTradeable: false,
      sides: 'buy-only',
      priceTick: '0.0001',
      amountStep: '0.00000001',
      minAmount: '0.01',
      minCost: '1',
      maxCost: '5000000',
      makerFee: '0.001',
      takerFee: '0.002',
    });
  });
});
