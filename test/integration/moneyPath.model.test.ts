import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverage, moneyPathProperty } from '../support/moneyPathModel';

/** Fixed seeds, so `npm test` is reproducible; the randomized, longer run is in test/chaos. */
const SEEDS = [1, 2, 3, 4, 5, 6];

describe('the money path, model-based (issue 13)', () => {
  it.each(SEEDS)('seed %i: random steps keep I1–I6 after every one', { timeout: 600_000 }, async (seed) => {
    // On failure fast-check prints the seed, the path and the shrunk sequence of steps.
    await fc.assert(moneyPathProperty(24), { seed, numRuns: 3, verbose: 1 });
    expect(coverage.sequences).toBeGreaterThan(0);
    console.log(`money path model: seed ${seed}, ${coverage.sequences} sequences, ${coverage.steps} steps, ${coverage.childRuns} child engines, kill -9 at ${JSON.stringify(coverage.kills)} so far`);
  });
});
