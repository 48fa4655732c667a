import { hash32 } from './hash';

/**
 * A fast seeded stream of random numbers (mulberry32) for one slice of the
 * market (a day, a minute, a book slot). Seeding it from (seed, symbol, slice)
 * keeps every slice a pure function of its inputs, so history can be read at
 * random times without replaying what came before (issue #15).
 */
export class SeededRandom {
  private state: number;

  constructor(...parts: number[]) {
    this.state = hash32(...parts);
  }

  /** Uniform in [0, 1). */
  unit(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.unit())) * Math.cos(2 * Math.PI * this.unit());
  }

  /** Roughly standard normal (a scaled sum of three uniforms): cheap, for small wiggles. */
  roughNormal(): number {
    return (this.unit() + this.unit() + this.unit() - 1.5) * 2;
  }

  /** Student-t with 4 degrees of freedom, scaled to unit variance: the fat tails of intraday returns. */
  studentT(): number {
    const chiSquare4 = -2 * Math.log((1 - this.unit()) * (1 - this.unit()));
    return this.normal() / Math.sqrt(chiSquare4 / 4) / Math.SQRT2;
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.unit());
  }

  /** Gamma with an integer shape (a sum of exponentials), scaled to mean 1: the noise of a doubly stochastic rate. */
  gammaMeanOne(shape: number): number {
    let sum = 0;
    for (let i = 0; i < shape; i++) sum -= Math.log(1 - this.unit());
    return sum / shape;
  }

  poisson(mean: number): number {
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let count = 0;
    for (let product = this.unit(); product > limit; product *= this.unit()) count++;
    return count;
  }

  /** Pareto with tail index `alpha` and the given mean (alpha > 1): heavy-tailed trade sizes. */
  pareto(alpha: number, mean: number): number {
    const scale = (mean * (alpha - 1)) / alpha;
    return scale * Math.exp(-Math.log(1 - this.unit()) / alpha);
  }
}
