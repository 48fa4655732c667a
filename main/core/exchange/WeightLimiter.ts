import type { RequestWeight } from './mexcWeights';

/**
 * Called when the answer is back. MEXC counted the request at some moment
 * between the send and the answer, so from then on its weight counts from the
 * answer: however long the request took to arrive, no window MEXC sees can
 * hold more than the budget.
 */
export type Settle = () => void;

/**
 * What MexcClient asks of a rate limiter: one process's WeightRateLimiter, or
 * the SharedWeightLimiter that several instances on one IP or account share
 * through Redis (issue 16).
 */
export interface WeightLimiter {
  readonly windowMs: number;
  readonly limit: number;
  /** the most weight ever seen in one window, as a share of MEXC's limit */
  readonly peakShare: number;
  /** Wait until the request fits in the budget, then reserve its weight; settle once the answer is back. */
  acquire(weight: RequestWeight): Promise<Settle>;
  /** MEXC said Retry-After (or 429 without one): nobody sends until then. */
  pauseFor(ms: number): void;
  /** when the current pause ends (0 when not paused) */
  readonly pausedUntilMs: number;
  /** weight used in the last window, per scope: what the API health panel shows */
  usage(): { ip: number; account: number; limit: number; windowMs: number };
}
