import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverage, moneyPathProperty } from '../support/moneyPathModel';

/**
 * The money path's model-based test at length: a fresh random seed each run
 * (printed, with the shrunk counterexample, on failure; MONEY_PATH_SEED
 * replays one), more and longer sequences than `npm test` runs.
 */
const runs = Number(process.env.MONEY_PATH_RUNS ?? 40);
const seed = Number(process.env.MONEY_PATH_SEED ?? Date.now() % 2_147_483_647);

describe('the money path, model-based, randomized', () => {
  it(`${runs} random sequences of up to 40 steps keep I1–I6 (seed ${seed})`, async () => {
    await fc.assert(moneyPathProperty(40), { seed, numRuns: runs, verbose: 1 });
    console.log(`money path model (chaos): seed ${seed}, ${coverage.sequences} sequences, ${coverage.steps} steps, ${coverage.childRuns} child engines, kill -9 at ${JSON.stringify(coverage.kills)}`);
    expect(coverage.sequences).toBeGreaterThanOrEqual(runs);
  });
});
