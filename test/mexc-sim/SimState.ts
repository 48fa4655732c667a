import { Accounts } from './Accounts';
import { Faults } from './Faults';
import { symbolId } from './hash';
import { LatencyModel, type LatencyConfig } from './LatencyModel';
import { MatchingEngine } from './MatchingEngine';
import { OrderBookModel } from './OrderBookModel';
import { PricePath, type MarketOptions } from './PricePath';
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

/** On the real clock nobody moves time: resting orders are matched against the tape on this beat. */
const REAL_CLOCK_MATCH_MS = 1_000;

/** Everything the simulated exchange knows, shared by its routes. */
export class SimState {
  readonly paths = new Map<string, PricePath>();
  readonly books = new Map<string, OrderBookModel>();
  readonly accounts = new Accounts();
  readonly engine: MatchingEngine;
  readonly faults = new Faults();
  readonly limiter: RateLimiter;
  readonly latency: LatencyModel;
  readonly requestLog: RequestLogEntry[] = [];
  private readonly matchBeat: NodeJS.Timeout | null;

  constructor(
    readonly seed: number,
    readonly clock: VirtualClock,
    rateLimit: RateLimitOptions,
    readonly enforceRateLimit: boolean,
    readonly market: MarketOptions,
    latency: LatencyConfig,
  ) {
    for (const spec of SIM_SYMBOLS) {
      const path = new PricePath(spec, seed, market);
      this.paths.set(spec.symbol, path);
      this.books.set(spec.symbol, new OrderBookModel(spec, seed, path, market.preset, symbolId(spec.symbol)));
    }
    this.engine = new MatchingEngine(this.accounts, this.paths, this.books, seed);
    this.limiter = new RateLimiter(rateLimit);
    this.latency = new LatencyModel(latency, seed);
    // Maintenance is a standing fault: clearing the faults (admin endpoint) ends it.
    if (market.preset.maintenance) this.faults.inject({ kind: 'maintenance', times: Infinity });
    clock.onMove((from, to) => this.engine.onTimeMoved(from, to));
    let matchedUpTo = clock.now();
    this.matchBeat = clock.isReal
      ? setInterval(() => {
          const now = clock.now();
          this.engine.onTimeMoved(matchedUpTo, now);
          matchedUpTo = now;
        }, REAL_CLOCK_MATCH_MS)
      : null;
    this.matchBeat?.unref();
  }

  /** The server's own clock: the virtual time, plus any injected skew. */
  now(): number {
    return this.clock.now() + this.faults.skewMs;
  }

  close(): void {
    if (this.matchBeat) clearInterval(this.matchBeat);
  }
}
