import { dec, type Dec } from './Decimal';
import { normal } from './hash';
import type { PricePath } from './PricePath';
import type { MarketPreset } from './presets';
import { SeededRandom } from './SeededRandom';
import type { SymbolSpec } from './symbols';

export interface BookSnapshot {
  bids: [Dec, Dec][];
  asks: [Dec, Dec][];
  /** only ever grows (ccxt uses it as the book's nonce) */
  updateId: number;
}

/** The resting liquidity is redrawn every slot; what trades took comes back over the refill time. */
const SLOT_MS = 5_000;
const REFILL_MS = 8_000;
/** trades older than this no longer dent the book */
const DENT_WINDOW_MS = 5 * REFILL_MS;
/** levels a side on an average book (presets scale it); MEXC's depth answers up to 5000 */
const LEVELS = 150;
const MAX_LEVELS = 5000;
/** mean quantity of a level, in minutes of the symbol's volume */
const LEVEL_MINUTES = 1.5;
/** the spread never closes below this many ticks, so the last price sits inside it */
const MIN_SPREAD_TICKS = 2;
const BOOK_STREAM = 0xb00c;

/**
 * The order book around the last price (issue #15): spread, depth and the
 * number of levels follow seeded smooth noise (and the spread widens with the
 * volatility); every print of the public tape, the accounts' own taker fills
 * included, takes quantity from the touch outward, and the taken quantity
 * refills over seconds. A pure function of (seed, symbol, time, own fills).
 */
export class OrderBookModel {
  private lastUpdateId = 0;
  private lastTime = -Infinity;
  private lastDents = -1;
  private readonly id: number;
  private readonly tick: Dec;

  constructor(
    private readonly spec: SymbolSpec,
    private readonly seed: number,
    private readonly path: PricePath,
    private readonly preset: MarketPreset,
    symbolId: number,
  ) {
    this.id = symbolId;
    this.tick = 10n ** BigInt(8 - spec.quoteAssetPrecision);
  }

  /** The book at `now`, `limit` levels a side at most. */
  book(now: number, limit: number): BookSnapshot {
    const last = this.path.priceAt(now);
    const lastDec = dec(last.toFixed(this.spec.quoteAssetPrecision));
    const tickSize = 10 ** -this.spec.quoteAssetPrecision;
    const spreadShare = (this.spec.spreadBps / 10_000) * this.preset.spread * Math.exp(0.35 * this.noise(now, 30_000, 1) + 0.25 * this.noise(now, 600_000, 2)) * Math.sqrt(this.path.volatilityAt(now));
    const spreadTicks = Math.max(MIN_SPREAD_TICKS, Math.round((spreadShare * last) / tickSize));
    const depthScale = this.preset.depth * Math.exp(0.4 * this.noise(now, 120_000, 3) + 0.3 * this.noise(now, 1_800_000, 4) + 0.3 * this.noise(now, 21_600_000, 5));
    const levels = Math.min(MAX_LEVELS, Math.max(5, Math.round(LEVELS * this.preset.levels * Math.exp(0.3 * this.noise(now, 1_200_000, 6)))));
    const slot = Math.floor(now / SLOT_MS);
    const placement = new SeededRandom(this.seed, this.id, slot, BOOK_STREAM);
    const belowLast = 1 + Math.floor(placement.unit() * (spreadTicks - 1));
    const count = Math.min(limit, levels);

    const dents = this.path.trades(now - DENT_WINDOW_MS, now, 1000);
    const taken = (buyerMaker: boolean) => dents.reduce((sum, t) => (t.buyerMaker === buyerMaker ? sum + t.qty * Math.exp(-(now - t.time) / REFILL_MS) : sum), 0);
    const bids = this.side(slot, 0, lastDec - this.tick * BigInt(belowLast), -1n, count, depthScale, taken(true));
    const asks = this.side(slot, 1, lastDec + this.tick * BigInt(spreadTicks - belowLast), 1n, count, depthScale, taken(false));
    return { bids, asks, updateId: this.nextUpdateId(now, dents.length) };
  }

  /** One side: levels outward from `best`, the first `taken` base units gone from the touch (integer steps: exact). */
  private side(slot: number, sideIndex: number, best: Dec, direction: bigint, count: number, depthScale: number, taken: number): [Dec, Dec][] {
    const random = new SeededRandom(this.seed, this.id, slot, BOOK_STREAM, sideIndex);
    const stepsPerUnit = 10 ** this.spec.baseAssetPrecision;
    const stepDec = 10n ** BigInt(8 - this.spec.baseAssetPrecision);
    const meanSteps = this.spec.minuteVolume * LEVEL_MINUTES * depthScale * stepsPerUnit;
    let left = Math.round(taken * stepsPerUnit);
    let price = best;
    const levels: [Dec, Dec][] = [];
    for (let i = 0; levels.length < count && price > 0n && i < MAX_LEVELS * 2; i++) {
      if (i > 0) price += direction * this.tick * BigInt(1 + (random.unit() < 0.25 ? Math.floor(random.unit() * 4) : 0));
      // Log-normal sizes (mean 1), larger away from the touch.
      let steps = Math.floor(meanSteps * Math.exp(0.9 * random.normal() - 0.405) * Math.sqrt(1 + i / 10));
      const used = Math.min(left, steps);
      left -= used;
      steps -= used;
      if (steps < 1 || price <= 0n) continue;
      levels.push([price, BigInt(steps) * stepDec]);
    }
    return levels;
  }

  /** Smooth seeded noise of unit scale that changes over about `period` ms. */
  private noise(time: number, period: number, stream: number): number {
    const knot = Math.floor(time / period);
    const s = time / period - knot;
    const smooth = s * s * (3 - 2 * s);
    return (1 - smooth) * normal(this.seed, this.id, knot, BOOK_STREAM + stream) + smooth * normal(this.seed, this.id, knot + 1, BOOK_STREAM + stream);
  }

  /** Grows with time and with every new print, never back (lastUpdateId, MEXC's depth answer). */
  private nextUpdateId(now: number, prints: number): number {
    const moved = now !== this.lastTime || prints !== this.lastDents;
    this.lastUpdateId = Math.max(this.lastUpdateId + (moved ? 1 : 0), Math.floor(now / 100) * 1_000);
    this.lastTime = now;
    this.lastDents = prints;
    return this.lastUpdateId;
  }
}
