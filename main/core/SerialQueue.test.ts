import { describe, expect, it } from 'vitest';
import { SerialQueue } from './SerialQueue';

/** A promise the test settles by hand, to control when each task ends. */
function gate() {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

describe('SerialQueue', () => {
  it('starts each task only after the one queued before it has settled, in call order', async () => {
    const queue = new SerialQueue();
    const events: string[] = [];
    const gates = [gate(), gate(), gate()];
    const runs = gates.map((g, i) =>
      queue.run(async () => {
        events.push(`start ${i}`);
        await g.promise;
        events.push(`end ${i}`);
        return i;
      }),
    );
    // Ending the later tasks first must not let them start early.
    gates[2]!.open();
    gates[1]!.open();
    await Promise.resolve();
    expect(events).toEqual(['start 0']);
    gates[0]!.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(events).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('rejects only the failing task: the tasks after it still run, in order', async () => {
    const queue = new SerialQueue();
    const events: string[] = [];
    const first = gate();
    const failing = queue.run(async () => {
      events.push('start failing');
      await first.promise;
    });
    const thrown = queue.run(() => {
      events.push('start throwing');
      throw new Error('synchronous failure');
    });
    const after = queue.run(async () => {
      events.push('start after');
      return 'still runs';
    });
    first.fail(new Error('async failure'));
    await expect(failing).rejects.toThrow('async failure');
    await expect(thrown).rejects.toThrow('synchronous failure');
    await expect(after).resolves.toBe('still runs');
    expect(events).toEqual(['start failing', 'start throwing', 'start after']);
  });

  it('runs a task queued after the queue went idle, even when the last one failed', async () => {
    const queue = new SerialQueue();
    await expect(queue.run(() => Promise.reject(new Error('gone')))).rejects.toThrow('gone');
    await expect(queue.run(() => 42)).resolves.toBe(42);
  });
});
