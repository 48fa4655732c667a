import { describe, expect, it } from 'vitest';
import { Decimal } from '../../shared/decimal';
import { untilTrue } from '../support/eventLoopTurns';
import { useMoneyEngines } from '../support/moneyPathScenario';

const TEN_SECONDS = 10_000;

/** The paper fill model on the simulator (issue #15): a resting buy fills from the public trades, not whole at the first touch. */
describe('paper fills from the tape, on the simulator', () => {
  const start = useMoneyEngines();

  it('a resting paper buy fills partially, then fully, from trades through its price, never beyond its amount', { timeout: 60_000 }, async () => {
    const engine = await start();
    const { service, time } = engine;
    await service.handlers.startBot(undefined);
    expect((await service.handlers.runNow(undefined)).action).toBe('buy');
    const placed = service.snapshot().openOrders.find((o) => o.paper)!;
    const limit = placed.price!; // paper orders are limit orders
    expect(placed).toMatchObject({ filled: '0', status: 'open' });

    // The simulator's tape trades just through the buy's price from now on: each public trade fills part of it.
    const qrl = engine.sim.state.paths.get('QRLUSDT')!;
    qrl.force(Number(limit) * 0.999, time.now());
    const seen: string[] = [];
    for (let step = 0; step < 360 && service.snapshot().openOrders.some((o) => o.id === placed.id); step++) {
      await time.advance(TEN_SECONDS);
      const open = service.snapshot().openOrders.find((o) => o.id === placed.id);
      if (open && open.filled !== seen.at(-1)) seen.push(open.filled);
    }
    qrl.force(null, time.now());

    // Seen part-filled on the way (the amounts depend on the simulator's tape, not asserted).
    expect(seen.some((filled) => Decimal.from(filled).isPositive() && Decimal.from(filled).lt(placed.amount))).toBe(true);
    expect(service.snapshot().openOrders.some((o) => o.id === placed.id)).toBe(false);
    const fills = (await service.handlers.getTradeHistory(undefined)).fills.filter((f) => f.orderId === placed.id);
    expect(fills.length).toBeGreaterThan(1);
    expect(fills.every((f) => Decimal.from(f.price).eq(limit))).toBe(true); // as maker, at its own price
    expect(fills.reduce((sum, f) => sum.add(f.amount), Decimal.ZERO).toString()).toBe(Decimal.from(placed.amount).toString());
    // Every fill was journaled against the intent, once: the last one is written (fsync'd) by the market
    // update's own promise, after the wallet has it, so wait for it rather than for a guessed delay.
    const journaled = async () => (await engine.journalEntries()).find((e) => e.orderId === placed.id)!;
    await untilTrue(async () => (await journaled()).status === 'filled', 'the last fill journaled');
    const journaledFills = (await journaled()).outcomes.flatMap((outcome) => outcome.fills ?? []);
    expect(journaledFills.map((f) => f.id).sort()).toEqual(fills.map((f) => f.id).sort());
  });
});
