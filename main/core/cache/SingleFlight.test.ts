import { describe, expect, it } from 'vitest';
import { SingleFlight } from './SingleFlight';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('SingleFlight', () => {
  it('runs concurrent identical work once and gives every caller its result', async () => {
    const flights = new SingleFlight();
    const gate = deferred<number>();
    let runs = 0;
    const work = () => (runs++, gate.promise);
    const all = Promise.all(Array.from({ length: 50 }, () => flights.run('k', work)));
    gate.resolve(7);
    expect(await all).toEqual(Array(50).fill(7));
    expect(runs).toBe(1);
  });

  it('shares a failure with every waiting caller, then lets the next call try afresh', async () => {
    const flights = new SingleFlight();
    const gate = deferred<number>();
    const both = Promise.allSettled([flights.run('k', () => gate.promise), flights.run('k', () => gate.promise)]);
    gate.reject(new Error('down'));
    expect((await both).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(flights.run('k', async () => 2)).resolves.toBe(2);
  });

  it('keeps different keys apart', async () => {
    const flights = new SingleFlight();
    let runs = 0;
    await Promise.all([flights.run('a', async () => runs++), flights.run('b', async () => runs++)]);
    expect(runs).toBe(2);
  });
});
