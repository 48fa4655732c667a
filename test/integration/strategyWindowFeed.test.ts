import { afterEach, describe, expect, it } from 'vitest';
import { Decimal } from '../../shared/decimal';
import { lastEma } from '../../shared/indicators';
import { startEngineOnSim, type EngineOnSim } from '../support/engineOnSim';
import { untilTrue } from '../support/eventLoopTurns';
import { VirtualTime } from '../support/VirtualTime';

/**
 * "Why not yet?" and the chart read the engine's daily-candle feed; a strategy
 * run reads `candleLimit` candles. The feed reads the same window, so they agree
 * whatever the user sets (issue 17: the chart and the strategy never disagree).
 */
describe("the daily-candle feed reads the strategy's own window", () => {
  let engine: EngineOnSim | undefined;
  afterEach(() => engine?.close());

  it('with candleLimit 300, the EMA "why not yet" shows is the EMA over the last 300 daily closes', async () => {
    const time = new VirtualTime(Date.UTC(2026, 10, 24, 12, 0));
    engine = await startEngineOnSim({ time });
    const { service, sim } = engine;
    await service.handlers.setSettings({ ...service.settings, strategy: { ...service.settings.strategy, candleLimit: 300 } });
    const klines = (await (await fetch(`${sim.url}/api/v3/klines?symbol=QRLUSDT&interval=1d&limit=300`)).json()) as (string | number)[][];
    const closes = klines.map((candle) => Number(candle[4]));
    const over = (window: number) => lastEma(closes.slice(-window), service.settings.strategy.emaSlow)!;
    // The window matters: over 120 candles the slow EMA differs from over 300 by more than the price tick
    // the answer is shown in (pandas' EMA starts at the first close).
    const tick = 0.0001;
    expect(Math.abs(over(120) - over(300))).toBeGreaterThan(2 * tick);

    await time.advance(61_000); // the feed's next poll
    await untilTrue(() => service.snapshot().whyNot?.emaSlow != null, 'the why-not answer has its EMAs');
    const shown = Number(Decimal.from(service.snapshot().whyNot!.emaSlow!));
    expect(Math.abs(shown - over(300))).toBeLessThanOrEqual(tick / 2); // at the market's price precision
    expect(Math.abs(shown - over(120))).toBeGreaterThan(tick);
  });
});
