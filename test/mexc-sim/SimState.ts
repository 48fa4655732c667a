import { Accounts } from './Accounts';
import { Faults } from './Faults';
import { MatchingEngine } from './MatchingEngine';
import { PricePath } from './PricePath';
import { RateLimiter, type RateLimitOptions } from './RateLimiter';
import { SIM_SYMBOLS } from './symbols';
import { VirtualClock } from './VirtualClock';

export interface RequestLogEntry {
  time: number;
  method: string;
  path: string;
  weight: number;
  status: number;
  signed: boolean;
}

/** Everything the simulated exchange knows, shared by its routes. */
export class SimState {
  readonly paths = new Map<string, PricePath>();
  readonly accounts = new Accounts();
  readonly engine: MatchingEngine;
  readonly faults = new Faults();
  readonly limiter: RateLimiter;
  readonly requestLog: RequestLogEntry[] = [];

  constructor(
    readonly seed: number,
    readonly clock: VirtualClock,
    rateLimit: RateLimitOptions,
    readonly enforceRateLimit: boolean,
  ) {
    for (const spec of SIM_SYMBOLS) this.paths.set(spec.symbol, new PricePath(spec, seed));
    this.engine = new MatchingEngine(this.accounts, this.paths, seed);
    this.limiter = new RateLimiter(rateLimit);
    clock.onMove((from, to) => this.engine.onTimeMoved(from, to));
  }

  /** The server's own clock: the virtual time, plus any injected skew. */
  now(): number {
    return this.clock.now() + this.faults.skewMs;
  }
}
