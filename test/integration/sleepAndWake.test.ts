import { afterEach, describe, expect, it } from 'vitest';
import { startMoneyEngine, type MoneyEngine } from '../support/moneyPathScenario';

const HOUR = 3_600_000;

describe('sleep and wake-up', () => {
  let engine: MoneyEngine | undefined;
  afterEach(() => engine?.close());

  it('drops the daily timer before sleep and arms it afresh on wake-up: no late run fires on its own', async () => {
    engine = await startMoneyEngine();
    const { service, time } = engine;
    await service.handlers.startBot(undefined);
    const firstRun = service.snapshot().nextRunAt!;
    await service.handleSystemSuspend();
    // asleep past 09:00: the dropped timer must not fire when the machine wakes
    await time.jump(firstRun - time.now() + 2 * HOUR);
    expect(service.snapshot().lastDecision).toBeNull();
    await service.handleSystemResume();
    expect(service.snapshot().nextRunAt).toBe(firstRun + 24 * HOUR);
    expect(time.now()).toBeGreaterThan(firstRun);
  });
});
