import { describe, expect, it } from 'vitest';
import { VirtualTime } from '../../../test/support/VirtualTime';
import { PollingFeed } from './PollingFeed';

describe('PollingFeed', () => {
  function feedWith(fetch: () => Promise<number>) {
    const time = new VirtualTime(1_000_000);
    let changes = 0;
    const feed = new PollingFeed({ name: 'ticker', intervalMs: 10_000, fetch, clock: time, timers: time, onChange: () => changes++ });
    return { time, feed, changes: () => changes };
  }

  it('fetches at once and then on its cadence', async () => {
    let calls = 0;
    const { time, feed } = feedWith(async () => ++calls);
    feed.start();
    await time.advance(0);
    expect(feed.state()).toMatchObject({ value: 1, fetchedAt: 1_000_000, stale: false });
    await time.advance(30_000);
    expect(calls).toBe(4);
    feed.stop();
    await time.advance(60_000);
    expect(calls).toBe(4);
  });

  it('keeps the last value through failures, marks it stale, and recovers by itself', async () => {
    let failing = false;
    let calls = 0;
    const { time, feed } = feedWith(async () => {
      calls++;
      if (failing) throw new Error('MEXC unreachable');
      return calls;
    });
    feed.start();
    await time.advance(0);
    failing = true;
    await time.advance(10_000);
    expect(feed.state()).toMatchObject({ value: 1, stale: true, lastError: 'MEXC unreachable' });
    failing = false;
    await time.advance(10_000);
    expect(feed.state()).toMatchObject({ value: 3, stale: false, lastError: null });
    feed.stop();
  });

  it('calls data stale once it is older than three intervals, even without an error', async () => {
    let calls = 0;
    const { time, feed } = feedWith(async () => ++calls);
    await feed.refresh();
    await time.advance(30_000);
    expect(feed.state().stale).toBe(false);
    await time.advance(1);
    expect(feed.state().stale).toBe(true);
  });

  it('coalesces overlapping refreshes into one fetch', async () => {
    let calls = 0;
    const { feed } = feedWith(async () => ++calls);
    await Promise.all([feed.refresh(), feed.refresh(), feed.refresh()]);
    expect(calls).toBe(1);
  });
});
