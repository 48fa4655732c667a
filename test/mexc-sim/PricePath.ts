import { normal, symbolId, unit } from './hash';
import type { SymbolSpec } from './symbols';

export const MINUTE = 60_000;
export const DAY = 86_400_000;
/** Day 0 of every path: history reaches back from here to any date after it. */
export const PATH_EPOCH = Date.UTC(2018, 0, 1);

export interface Kline {
  openTime: number;
  closeTime: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** base volume */
  volume: number;
  quoteVolume: number;
}

/**
 * A seeded price path per symbol, defined minute by minute so candles of every
 * interval agree with each other and with the ticker:
 * - daily closes follow a mean-reverting log random walk from PATH_EPOCH;
 * - inside a day, the log price bridges the previous close to the day's close
 *   with smooth deterministic waves that vanish at both ends.
 * Nothing is stored but a cache of daily closes, so years of history are cheap.
 */
export class PricePath {
  private readonly closes: number[] = [];
  private readonly dayCandles = new Map<number, Kline>();
  private readonly id: number;
  /** test override: a fixed price from a time on */
  private forced: { from: number; price: number } | null = null;

  constructor(
    readonly spec: SymbolSpec,
    private readonly seed: number,
  ) {
    this.id = symbolId(spec.symbol);
  }

  /** The traded price during the minute containing `time`, at the symbol's tick. */
  priceAt(time: number): number {
    if (this.forced && time >= this.forced.from) return this.forced.price;
    const minute = Math.floor((time - PATH_EPOCH) / MINUTE);
    const day = Math.floor(minute / 1440);
    const m = minute - day * 1440;
    const open = Math.log(this.dailyClose(day - 1));
    const close = Math.log(this.dailyClose(day));
    const amplitudes = this.waveAmplitudes(day);
    let wave = 0;
    for (let k = 1; k <= 6; k++) wave += (amplitudes[k - 1]! * Math.sin((Math.PI * k * (m + 1)) / 1441)) / k;
    const logPrice = open + ((close - open) * (m + 1)) / 1440 + wave * this.spec.dailyVolatility * 0.6;
    return this.round(Math.exp(logPrice));
  }

  /** Base volume traded in the minute containing `time`. */
  volumeAt(time: number): number {
    const minute = Math.floor((time - PATH_EPOCH) / MINUTE);
    const decimals = this.spec.baseAssetPrecision;
    return Number((this.spec.minuteVolume * (0.2 + 1.6 * unit(this.seed, this.id, minute, 7))).toFixed(decimals));
  }

  /** Lowest and highest price over the minutes of [from, to). */
  range(from: number, to: number): { low: number; high: number } {
    let low = Infinity;
    let high = -Infinity;
    for (let t = Math.floor(from / MINUTE) * MINUTE; t < to; t += MINUTE) {
      const price = this.priceAt(t);
      low = Math.min(low, price);
      high = Math.max(high, price);
    }
    return { low, high };
  }

  /** The candle of [openTime, openTime + interval), cut at `now` if it is still forming. */
  kline(openTime: number, intervalMs: number, now: number): Kline {
    const end = Math.min(openTime + intervalMs, Math.floor(now / MINUTE) * MINUTE + MINUTE);
    const closed = openTime + intervalMs <= now;
    if (intervalMs === DAY && closed && !this.forced) {
      const cached = this.dayCandles.get(openTime);
      if (cached) return cached;
    }
    let high = -Infinity;
    let low = Infinity;
    let volume = 0;
    let quoteVolume = 0;
    for (let t = openTime; t < end; t += MINUTE) {
      const price = this.priceAt(t);
      const vol = this.volumeAt(t);
      high = Math.max(high, price);
      low = Math.min(low, price);
      volume += vol;
      quoteVolume += vol * price;
    }
    const decimals = this.spec.baseAssetPrecision;
    const kline: Kline = {
      openTime,
      // MEXC's closeTime is the next candle's open time (see the klines example).
      closeTime: openTime + intervalMs,
      open: this.priceAt(openTime),
      high,
      low,
      close: this.priceAt(end - MINUTE),
      volume: Number(volume.toFixed(decimals)),
      quoteVolume: Number(quoteVolume.toFixed(2)),
    };
    if (intervalMs === DAY && closed && !this.forced) this.dayCandles.set(openTime, kline);
    return kline;
  }

  /** Pin the price from `from` on (tests: make an order fill, move through an alert line). */
  force(price: number | null, from: number): void {
    this.forced = price === null ? null : { from, price: this.round(price) };
    this.dayCandles.clear();
  }

  private readonly amplitudeCache = new Map<number, number[]>();
  private waveAmplitudes(day: number): number[] {
    let amplitudes = this.amplitudeCache.get(day);
    if (!amplitudes) {
      amplitudes = Array.from({ length: 6 }, (_, k) => normal(this.seed, this.id, day, k + 1));
      if (this.amplitudeCache.size > 5000) this.amplitudeCache.clear();
      this.amplitudeCache.set(day, amplitudes);
    }
    return amplitudes;
  }

  private dailyClose(day: number): number {
    if (day < 0) return this.spec.basePrice;
    while (this.closes.length <= day) {
      const d = this.closes.length;
      const previous = Math.log(d === 0 ? this.spec.basePrice : this.closes[d - 1]!);
      const mean = Math.log(this.spec.basePrice);
      const next = previous + 0.02 * (mean - previous) + this.spec.dailyVolatility * normal(this.seed, this.id, d, 99);
      this.closes.push(Math.exp(next));
    }
    return this.closes[day]!;
  }

  private round(price: number): number {
    const tick = 10 ** this.spec.quoteAssetPrecision;
    return Math.max(1 / tick, Math.round(price * tick) / tick);
  }
}
