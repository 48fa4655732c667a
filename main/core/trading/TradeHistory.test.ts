import { describe, expect, it } from 'vitest';
import type { BrokerFill } from './Broker';
import { csvField, TradeHistory } from './TradeHistory';

const T = Date.parse('2026-11-25T01:00:00Z');
let n = 0;
const fill = (side: 'buy' | 'sell', price: string, amount: string, fee: string, feeCurrency: string, timestamp = T + n * 1000): BrokerFill => {
  n += 1;
  return { id: `f${n}`, orderId: `o${n}`, clientOrderId: `qtb-${n}`, symbol: 'QRL/USDT', side, price, amount, cost: (Number(price) * Number(amount)).toString(), fee: { cost: fee, currency: feeCurrency }, takerOrMaker: 'maker', timestamp };
};
const assets = { base: 'QRL', quote: 'USDT' };

describe('TradeHistory: realized PnL per fill, average cost method, fees counted', () => {
  it('buy 10 @1, buy 10 @2, sell 5 @3: realizes 5 × (3 − 1.5) less the fees', () => {
    n = 0;
    const steps = new TradeHistory([fill('buy', '1', '10', '0.01', 'USDT'), fill('buy', '2', '10', '0.02', 'USDT'), fill('sell', '3', '5', '0.015', 'USDT')], assets).steps();
    // basis 30.03 for 20 QRL (average 1.5015: the buy fees are cost); 5 sold cost 7.5075; proceeds 15 − 0.015 fee
    expect(steps.map((s) => s.realizedPnl)).toEqual([null, null, '7.4775']);
    expect(steps[2]).toMatchObject({ positionAmount: '15', costBasis: '22.5225', averageCost: '1.5015', realized: '7.4775', unrealized: '22.4775' });
  });

  it('without fees, the same sequence realizes exactly 5 × (3 − 1.5)', () => {
    n = 0;
    const steps = new TradeHistory([fill('buy', '1', '10', '0', 'USDT'), fill('buy', '2', '10', '0', 'USDT'), fill('sell', '3', '5', '0', 'USDT')], assets).steps();
    expect(steps[2]!.realizedPnl).toBe('7.5');
  });

  it('a sell keeps the average cost of what is left; a later buy averages in afresh', () => {
    n = 0;
    const steps = new TradeHistory(
      [fill('buy', '1', '10', '0', 'USDT'), fill('sell', '0.5', '4', '0', 'USDT'), fill('buy', '2', '6', '0', 'USDT'), fill('sell', '3', '12', '0.036', 'USDT')],
      assets,
    ).steps();
    expect(steps[1]).toMatchObject({ realizedPnl: '-2', averageCost: '1', positionAmount: '6' }); // 4 × (0.5 − 1)
    expect(steps[2]).toMatchObject({ realizedPnl: null, averageCost: '1.5', costBasis: '18' });
    expect(steps[3]).toMatchObject({ realizedPnl: '17.964', positionAmount: '0', costBasis: '0', averageCost: null, realized: '15.964' });
  });

  it('a QRL fee on a sell leaves the position too, at its average cost', () => {
    n = 0;
    const steps = new TradeHistory([fill('buy', '1', '10', '0', 'USDT'), fill('sell', '2', '5', '0.1', 'QRL')], assets).steps();
    // 5.1 QRL leave at cost 5.1; proceeds 10
    expect(steps[1]).toMatchObject({ realizedPnl: '4.9', positionAmount: '4.9', costBasis: '4.9' });
  });

  it('a sell of coins the fills never bought realizes its whole proceeds and leaves no position', () => {
    n = 0;
    const steps = new TradeHistory([fill('sell', '2', '5', '0', 'USDT')], assets).steps();
    expect(steps[0]).toMatchObject({ realizedPnl: '10', positionAmount: '0', averageCost: null });
  });

  it('the sum of what each fill realized is the total the PnL reports', () => {
    n = 0;
    const history = new TradeHistory([fill('buy', '0.3', '3', '0', 'USDT'), fill('sell', '0.7', '1', '0', 'USDT'), fill('sell', '0.1', '1', '0', 'USDT')], assets);
    const sum = history.steps().reduce((total, s) => total + Number(s.realizedPnl ?? 0), 0);
    expect(sum.toFixed(8)).toBe(Number(history.pnl().realized).toFixed(8));
  });
});

describe('TradeHistory', () => {
  it('averages the cost of buys, fees in QRL reducing what is held', () => {
    n = 0;
    const history = new TradeHistory([fill('buy', '0.4', '100', '0.1', 'QRL'), fill('buy', '0.5', '100', '0.1', 'QRL')], assets);
    expect(history.pnl()).toEqual({ positionAmount: '199.8', costBasis: '90', averageCost: '0.45045045', realized: '0', unrealized: null });
  });

  it('adds fees paid in USDT to the cost', () => {
    n = 0;
    expect(new TradeHistory([fill('buy', '0.4', '100', '0.04', 'USDT')], assets).pnl().costBasis).toBe('40.04');
  });

  it('realizes PnL on a sell against the average cost, fees included', () => {
    n = 0;
    const history = new TradeHistory([fill('buy', '0.4', '100', '0', 'QRL'), fill('buy', '0.6', '100', '0', 'QRL'), fill('sell', '0.7', '50', '0.035', 'USDT')], assets);
    // average 0.5; 50 sold for 35 − 0.035 fee against a cost of 25 → 9.965
    expect(history.pnl('0.7')).toEqual({ positionAmount: '150', costBasis: '75', averageCost: '0.5', realized: '9.965', unrealized: '30' });
  });

  it('values the position at a given price (unrealized PnL)', () => {
    n = 0;
    const history = new TradeHistory([fill('buy', '0.4', '125', '0.125', 'QRL')], assets);
    expect(history.pnl('0.38').unrealized).toBe('-2.5475'); // 124.875 × 0.38 − 50
  });

  it("measures today's PnL: realized since the time plus the change in unrealized", () => {
    n = 0;
    const midnight = T + 1500;
    const history = new TradeHistory([fill('buy', '0.4', '100', '0', 'QRL', T), fill('buy', '0.35', '100', '0', 'QRL', T + 2000)], assets);
    // at midnight 100 QRL @ 0.38 (−2 unrealized); now 200 QRL @ 0.30 against cost 75 (−15): today −13
    expect(history.pnlSince(midnight, '0.38', '0.30')).toBe('-13');
  });

  it('exports CSV with a header, ISO times and escaped fields, oldest first', () => {
    n = 0;
    const late = fill('buy', '0.5', '10', '0.01', 'QRL', T + 5000);
    const early = { ...fill('buy', '0.4', '10', '0.01', 'QRL', T), clientOrderId: 'has,comma "q"' };
    const csv = new TradeHistory([late, early], assets).toCsv();
    expect(csv.split('\r\n')).toEqual([
      'time,id,order_id,client_order_id,symbol,side,price,amount,cost,fee,fee_currency,taker_or_maker,realized_pnl,imported',
      '2026-11-25T01:00:00.000Z,f2,o2,"has,comma ""q""",QRL/USDT,buy,0.4,10,4,0.01,QRL,maker,,false',
      '2026-11-25T01:00:05.000Z,f1,o1,qtb-1,QRL/USDT,buy,0.5,10,5,0.01,QRL,maker,,false',
      '',
    ]);
  });

  it('exports what each sell realized, and which fills were imported', () => {
    n = 0;
    const fills = [fill('buy', '1', '10', '0', 'USDT'), fill('sell', '2', '4', '0', 'USDT')];
    const lines = new TradeHistory(fills, assets).toCsv((f) => f.id === 'f1').split('\r\n');
    expect(lines[1]!.endsWith(',,true')).toBe(true);
    expect(lines[2]!.endsWith(',4,false')).toBe(true); // 4 × (2 − 1)
  });

  it('defuses spreadsheet formulas but leaves negative numbers alone', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1.5')).toBe('-1.5');
    expect(csvField('@x')).toBe("'@x");
  });
});
