import { describe, expect, it } from 'vitest';
import { VirtualTime } from '../../../test/support/VirtualTime';
import { LIVE_FILL_POLL_MS, LiveFillPolling } from './LiveFillPolling';

/**
 * A polling whose reads take `readMs` of virtual time (during which `duringRead` runs), recording when each
 * started and the most ever running at once.
 */
function polling(time: VirtualTime, readMs = 0, duringRead: (fills: LiveFillPolling, read: number) => void = () => undefined) {
  const starts: number[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const fills: LiveFillPolling = new LiveFillPolling({
    timers: time,
    active: () => true,
    poll: async () => {
      starts.push(time.now());
      mostAtOnce = Math.max(mostAtOnce, ++running);
      duringRead(fills, starts.length);
      if (readMs) await time.sleep(readMs);
      running--;
    },
  });
  return { fills, starts, mostAtOnce: () => mostAtOnce };
}

describe('LiveFillPolling', () => {
  it('reads every 15 s, and at once when a fill is pushed, then keeps the cadence from that read', async () => {
    const time = new VirtualTime(0);
    const { fills, starts } = polling(time);
    fills.reschedule();
    await time.advance(LIVE_FILL_POLL_MS);
    expect(starts).toEqual([LIVE_FILL_POLL_MS]);
    await time.advance(4_000);
    fills.soon();
    await time.advance(0);
    expect(starts).toEqual([LIVE_FILL_POLL_MS, LIVE_FILL_POLL_MS + 4_000]);
    await time.advance(LIVE_FILL_POLL_MS);
    expect(starts).toEqual([LIVE_FILL_POLL_MS, LIVE_FILL_POLL_MS + 4_000, 2 * LIVE_FILL_POLL_MS + 4_000]);
    fills.stop();
  });

  it('never overlaps reads: pushes during a read make one more read right after it', async () => {
    const time = new VirtualTime(0);
    // Two pushes arrive while the first read is under way.
    const { fills, starts, mostAtOnce } = polling(time, 2_000, (polling, read) => read === 1 && (polling.soon(), polling.soon()));
    fills.soon();
    await time.advance(10_000);
    expect(starts).toEqual([0, 2_000]);
    expect(mostAtOnce()).toBe(1);
    fills.stop();
  });

  it('does nothing when no live order needs tracking', async () => {
    const time = new VirtualTime(0);
    let reads = 0;
    const fills = new LiveFillPolling({ timers: time, active: () => false, poll: async () => void reads++ });
    fills.soon();
    fills.reschedule();
    await time.advance(3 * LIVE_FILL_POLL_MS);
    expect(reads).toBe(0);
  });
});
