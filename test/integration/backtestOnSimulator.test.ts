import { afterEach, describe, expect, it } from 'vitest';
import { startEngineWebHost, type EngineWebHost } from '../support/startEngineWebHost';
import { VirtualTime } from '../support/VirtualTime';

describe("backtest of the default strategy over the simulator's history", () => {
  let engine: EngineWebHost;
  afterEach(() => engine?.close());

  it('is reproducible to the cent, reports its trades, PnL, drawdown and equity, and shows progress', async () => {
    const time = new VirtualTime(Date.UTC(2026, 10, 25, 9));
    engine = await startEngineWebHost({ time });
    const progress: number[] = [];
    engine.service.on('backtestProgress', (p) => progress.push(p.done));
    const first = await engine.service.handlers.runBacktest({ days: 365, initialUsdt: '1000' });
    const second = await engine.service.handlers.runBacktest({ days: 365, initialUsdt: '1000' });
    expect(second).toEqual(first);
    expect(first.equity.length).toBeGreaterThanOrEqual(365);
    expect(first.finalEquityUsdt).toMatch(/^\d+\.\d+$|^\d+$/);
    expect(Number(first.maxDrawdownPercent)).toBeGreaterThanOrEqual(0);
    expect(first.trades.every((t) => t.side === 'buy')).toBe(true);
    expect(progress.length).toBeGreaterThan(0);
    console.log(`backtest 365 d: ${first.trades.length} buys, final equity ${first.finalEquityUsdt} USDT, PnL ${first.pnlUsdt}, max drawdown ${first.maxDrawdownPercent} %`);
  });
});
