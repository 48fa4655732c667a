import { describe, expect, it } from 'vitest';
import { CoalescedPass } from './CoalescedPass';

/** A pass the test finishes by hand, so overlap is decided by the test and not by timing. */
function manualPasses() {
  const started: (() => void)[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const pass = () =>
    new Promise<void>((resolve) => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      started.push(() => {
        running -= 1;
        resolve();
      });
    });
  return { pass, started, mostAtOnce: () => mostAtOnce };
}

describe('CoalescedPass', () => {
  it('runs one pass at a time, and requests made during a pass cause exactly one more', async () => {
    const { pass, started, mostAtOnce } = manualPasses();
    const passes = new CoalescedPass(pass, () => undefined);
    passes.request();
    passes.request();
    passes.request();
    expect(started).toHaveLength(1);
    started[0]!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toHaveLength(2);
    started[1]!();
    await passes.idle();
    expect(started).toHaveLength(2);
    expect(mostAtOnce()).toBe(1);
  });

  it('a failed pass is reported and does not stop the next one', async () => {
    const errors: string[] = [];
    let calls = 0;
    const passes = new CoalescedPass(async () => {
      calls += 1;
      if (calls === 1) throw new Error('tape unreadable');
    }, (error) => errors.push(error.message));
    passes.request();
    await passes.idle();
    passes.request();
    await passes.idle();
    expect(calls).toBe(2);
    expect(errors).toEqual(['tape unreadable']);
  });

  it('idle waits for a pass asked for while the previous one ran', async () => {
    const { pass, started } = manualPasses();
    const passes = new CoalescedPass(pass, () => undefined);
    passes.request();
    let idle = false;
    const waiting = passes.idle().then(() => (idle = true));
    passes.request();
    started[0]!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(idle).toBe(false);
    started[1]!();
    await waiting;
    expect(idle).toBe(true);
  });

  it('a request made at any moment after the first gets a pass after it, even one landing just as the pass ends', async () => {
    for (let turns = 0; turns < 8; turns++) {
      let calls = 0;
      const passes = new CoalescedPass(async () => {
        calls += 1;
      }, () => undefined);
      passes.request();
      for (let i = 0; i < turns; i++) await Promise.resolve();
      passes.request();
      await passes.idle();
      await new Promise((resolve) => setImmediate(resolve));
      expect(calls, `the second request ${turns} microtask(s) after the first`).toBe(2);
    }
  });
});
