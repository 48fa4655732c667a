import { z } from 'zod';

/**
 * Exact decimal money: an immutable value held as a BigInt scaled by 10^scale.
 * No float ever rounds a price, amount, fee or balance. Runs anywhere (no Node
 * or DOM imports), so the engine and the page compute the same digits.
 *
 * Rounding modes are symmetric around zero, as ccxt's are:
 * - 'down'    toward zero (truncate): ccxt TRUNCATE, what mexc does to amounts;
 * - 'half-up' to nearest, ties away from zero: ccxt ROUND, what mexc does to prices;
 * - 'up'      away from zero.
 */
export type RoundingMode = 'down' | 'half-up' | 'up';

export type DecimalLike = Decimal | string | number | bigint;

/** A decimal as plain text ("-12", "0.4123"): how amounts travel in the contract and sit on disk. The one pattern for it. */
export const DecimalStringSchema = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal number');

/** Places kept by `div` when the caller does not say. */
export const DEFAULT_DIVISION_PLACES = 18;

const DECIMAL_PATTERN = /^([+-])?(\d+)?(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

export class Decimal {
  static readonly ZERO = new Decimal(0n, 0);
  static readonly ONE = new Decimal(1n, 0);

  /** value = units / 10^scale; always in lowest terms (no trailing zeros in units when scale > 0) */
  private constructor(
    private readonly units: bigint,
    private readonly scale: number,
  ) {}

  private static of(units: bigint, scale: number): Decimal {
    let u = units;
    let s = scale;
    while (s > 0 && u % 10n === 0n) {
      u /= 10n;
      s -= 1;
    }
    if (u === 0n) return Decimal.ZERO;
    return new Decimal(u, s);
  }

  /**
   * Parses "0.4123", "-12", ".5", "1e-8". Throws a RangeError on anything else
   * (empty, NaN, Infinity, "1,5"): fail loudly at the boundary.
   */
  static fromString(text: string): Decimal {
    const match = DECIMAL_PATTERN.exec(text.trim());
    if (!match || (match[2] === undefined && !match[3])) throw new RangeError(`not a decimal number: "${text}"`);
    const [, sign, whole = '', fraction = '', exponentText] = match;
    const exponent = exponentText === undefined ? 0 : Number(exponentText);
    if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 1000) throw new RangeError(`exponent out of range: "${text}"`);
    let units = BigInt((whole || '0') + fraction);
    let scale = fraction.length - exponent;
    if (scale < 0) {
      units *= 10n ** BigInt(-scale);
      scale = 0;
    }
    return Decimal.of(sign === '-' ? -units : units, scale);
  }

  /**
   * Numbers go through their shortest round-trip text (String(0.1) === "0.1"),
   * so a float parsed from an exchange's decimal string comes back exactly.
   */
  static from(value: DecimalLike): Decimal {
    if (value instanceof Decimal) return value;
    if (typeof value === 'bigint') return Decimal.of(value, 0);
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
      return Decimal.fromString(String(value));
    }
    return Decimal.fromString(value);
  }

  static isDecimalString(text: string): boolean {
    const match = DECIMAL_PATTERN.exec(text.trim());
    return Boolean(match) && !(match![2] === undefined && !match![3]);
  }

  static sum(values: Iterable<DecimalLike>): Decimal {
    let total = Decimal.ZERO;
    for (const value of values) total = total.add(value);
    return total;
  }

  static min(first: DecimalLike, ...rest: DecimalLike[]): Decimal {
    return rest.reduce<Decimal>((low, value) => (low.lte(value) ? low : Decimal.from(value)), Decimal.from(first));
  }

  static max(first: DecimalLike, ...rest: DecimalLike[]): Decimal {
    return rest.reduce<Decimal>((high, value) => (high.gte(value) ? high : Decimal.from(value)), Decimal.from(first));
  }

  /** decimal places of this value in lowest terms: 0.0100 → 2 */
  get decimalPlaces(): number {
    return this.scale;
  }

  add(other: DecimalLike): Decimal {
    const o = Decimal.from(other);
    const scale = Math.max(this.scale, o.scale);
    return Decimal.of(this.rescaled(scale) + o.rescaled(scale), scale);
  }

  sub(other: DecimalLike): Decimal {
    return this.add(Decimal.from(other).neg());
  }

  mul(other: DecimalLike): Decimal {
    const o = Decimal.from(other);
    return Decimal.of(this.units * o.units, this.scale + o.scale);
  }

  /** this ÷ other, rounded to `places` decimals. Throws a RangeError on division by zero. */
  div(other: DecimalLike, places = DEFAULT_DIVISION_PLACES, mode: RoundingMode = 'half-up'): Decimal {
    const o = Decimal.from(other);
    if (o.units === 0n) throw new RangeError('division by zero');
    // (a/10^as) / (b/10^bs) × 10^places = a × 10^(bs+places) / (b × 10^as)
    const numerator = this.units * 10n ** BigInt(o.scale + places);
    const denominator = o.units * 10n ** BigInt(this.scale);
    return Decimal.of(divideRounded(numerator, denominator, mode), places);
  }

  neg(): Decimal {
    return Decimal.of(-this.units, this.scale);
  }

  abs(): Decimal {
    return this.units < 0n ? this.neg() : this;
  }

  /** rounds to `places` decimals (places may be negative: −2 rounds to hundreds) */
  round(places: number, mode: RoundingMode = 'half-up'): Decimal {
    if (!Number.isInteger(places)) throw new RangeError(`places must be an integer, got ${places}`);
    if (places >= this.scale) return this;
    const drop = 10n ** BigInt(this.scale - places);
    const rounded = divideRounded(this.units, drop, mode);
    return places >= 0 ? Decimal.of(rounded, places) : Decimal.of(rounded * 10n ** BigInt(-places), 0);
  }

  /** rounds to a whole number of `step` (a tick size such as 0.0001 or 0.005) */
  roundToStep(step: DecimalLike, mode: RoundingMode = 'half-up'): Decimal {
    const s = Decimal.from(step);
    if (!s.isPositive()) throw new RangeError(`step must be above 0, got ${s.toString()}`);
    const steps = this.div(s, 0, mode);
    return steps.mul(s);
  }

  compare(other: DecimalLike): -1 | 0 | 1 {
    const o = Decimal.from(other);
    const scale = Math.max(this.scale, o.scale);
    const a = this.rescaled(scale);
    const b = o.rescaled(scale);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  eq(other: DecimalLike): boolean {
    return this.compare(other) === 0;
  }
  lt(other: DecimalLike): boolean {
    return this.compare(other) < 0;
  }
  lte(other: DecimalLike): boolean {
    return this.compare(other) <= 0;
  }
  gt(other: DecimalLike): boolean {
    return this.compare(other) > 0;
  }
  gte(other: DecimalLike): boolean {
    return this.compare(other) >= 0;
  }
  isZero(): boolean {
    return this.units === 0n;
  }
  isPositive(): boolean {
    return this.units > 0n;
  }
  isNegative(): boolean {
    return this.units < 0n;
  }

  /** shortest exact form: "0.41", "-3", "0.00000001" (never exponent notation) */
  toString(): string {
    const negative = this.units < 0n;
    const digits = (negative ? -this.units : this.units).toString();
    if (this.scale === 0) return (negative ? '-' : '') + digits;
    const padded = digits.padStart(this.scale + 1, '0');
    const whole = padded.slice(0, padded.length - this.scale);
    const fraction = padded.slice(padded.length - this.scale);
    return `${negative ? '-' : ''}${whole}.${fraction}`;
  }

  /** exactly `places` decimals, rounded by `mode`: (0.4).toFixed(4) → "0.4000" */
  toFixed(places: number, mode: RoundingMode = 'half-up'): string {
    if (!Number.isInteger(places) || places < 0) throw new RangeError(`places must be a whole number ≥ 0, got ${places}`);
    const rounded = this.round(places, mode);
    const text = rounded.toString();
    if (places === 0) return text;
    const [whole, fraction = ''] = text.split('.');
    return `${whole}.${fraction.padEnd(places, '0')}`;
  }

  /** for indicators and display only: a float is not money */
  toNumber(): number {
    return Number(this.toString());
  }

  toJSON(): string {
    return this.toString();
  }

  private rescaled(scale: number): bigint {
    return this.units * 10n ** BigInt(scale - this.scale);
  }
}

/** numerator ÷ denominator as an integer, rounded by `mode` (symmetric around zero) */
function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  let n = numerator;
  let d = denominator;
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const quotient = n / d; // BigInt division truncates toward zero
  const remainder = n % d;
  if (remainder === 0n) return quotient;
  const away = n < 0n ? -1n : 1n;
  const absRemainder = remainder < 0n ? -remainder : remainder;
  switch (mode) {
    case 'down':
      return quotient;
    case 'up':
      return quotient + away;
    case 'half-up':
      return absRemainder * 2n >= d ? quotient + away : quotient;
  }
}

export function decimal(value: DecimalLike): Decimal {
  return Decimal.from(value);
}

/** rounds to `decimals` places: roundToPrecision("0.40115", 4, 'half-up') → 0.4012 */
export function roundToPrecision(value: DecimalLike, decimals: number, mode: RoundingMode): Decimal {
  return Decimal.from(value).round(decimals, mode);
}

/** cuts an amount to `decimals` places, never rounding it up: 25.129 → 25.12 */
export function truncateAmount(value: DecimalLike, decimals: number): Decimal {
  return roundToPrecision(value, decimals, 'down');
}

/** decimal places of a tick size: "0.0001" → 4, "1" → 0, "0.005" → 3 */
export function decimalsOfStep(step: DecimalLike): number {
  return Decimal.from(step).decimalPlaces;
}

/**
 * A price as ccxt's mexc sends it: rounded half-up to the tick
 * (Exchange.priceToPrecision, ROUND in TICK_SIZE mode; ccxt's mexc.js).
 */
export function priceToPrecision(price: DecimalLike, tick: DecimalLike): Decimal {
  return Decimal.from(price).roundToStep(tick, 'half-up');
}

/**
 * An amount as ccxt's mexc sends it: truncated to the step
 * (Exchange.amountToPrecision, TRUNCATE; 25.123 → 25.12 at step 0.01).
 */
export function amountToPrecision(amount: DecimalLike, step: DecimalLike): Decimal {
  return Decimal.from(amount).roundToStep(step, 'down');
}
