import { dayMinutes, MINUTES_PER_DAY, type DayMinutes } from './dayMinutes';
import { normal, symbolId } from './hash';
import { LruCache } from './LruCache';
import { minuteTrades, type MinuteTrades, type TapeShape } from './minuteTrades';
import { MARKET_PRESETS, type MarketPreset } from './presets';
import type { SymbolSpec } from './symbols';

export const MINUTE = 60_000;
export const DAY = 86_400_000;
/** Day 0 of every path: history reaches back from here to any date after it. */
export const PATH_EPOCH = Date.UTC(2018, 0, 1);
/** Trades per minute on an average minute (the rate follows the volatility; presets scale it). */
const TRADES_PER_MINUTE = 6;
/** How far back the public tape reaches. */
const TAPE_HISTORY = 30 * DAY;
/** Days this far before the start day have no tape to show: their minutes are summarized (cheap history). */
const TAPE_DAYS_BEFORE_START = 31;
/** Bounded caches: a few weeks of minutes, a few hours of tapes, years of daily candles. */
const DAY_CACHE = 40;
const MINUTE_CACHE = 512;
const DAY_CANDLE_CACHE = 20_000;
/**
 * Daily candles before a sim's start day are the same for every preset, so
 * every sim in the process shares them (each test starting an engine reads
 * months of daily candles).
 */
const HISTORY_CANDLES = new LruCache<string, Kline>(50_000);
/** Crash preset: the hours after the start carry most of the fall (their volatility is this many times the rest's). */
const CRASH_HOURS = 6;
const CRASH_HOUR_BOOST = 4;
/** Mean reversion of the daily walk toward the symbol's base price (kept: tests rely on the daily closes). */
const DAILY_REVERSION = 0.02;

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

/** One print of the public tape. */
export interface PublicTrade {
  time: number;
  price: number;
  /** base quantity */
  qty: number;
  buyerMaker: boolean;
}

export interface MarketOptions {
  preset: MarketPreset;
  /** the preset shapes the market from this time on; history before it is the default walk */
  startTime: number;
}

interface MinuteStats {
  open: number;
  high: number;
  low: number;
  close: number;
  volumeSteps: number;
  quoteSteps: number;
}

/**
 * The market of one symbol, a pure function of (seed, symbol, time) (issue #15):
 * - daily closes follow a mean-reverting log random walk from PATH_EPOCH (the
 *   preset may change it from the start day on);
 * - inside a day, a fat-tailed, volatility-clustered path with jumps bridges
 *   the previous close to the day's close (dayMinutes);
 * - each minute holds a tape of clustered, heavy-tailed trades (minuteTrades);
 *   every candle, the ticker and the public trades are read off that tape, so
 *   they agree. The account's own fills join the tape and the candles' volume.
 * Only caches are stored (bounded), so years of history stay cheap to read.
 */
export class PricePath {
  private readonly closes: number[] = [];
  private readonly presetCloses: number[] = [];
  private readonly days = new LruCache<number, DayMinutes>(DAY_CACHE);
  private readonly tapes = new LruCache<number, MinuteTrades>(MINUTE_CACHE);
  private readonly dayCandles = new LruCache<number, Kline>(DAY_CANDLE_CACHE);
  private readonly ownFills: PublicTrade[] = [];
  private readonly id: number;
  private readonly preset: MarketPreset;
  private readonly startDay: number;
  private readonly startHour: number;
  private readonly step: number;
  private readonly tick: number;
  private readonly ticksPerUnit: number;
  private readonly shape: TapeShape;
  /** test override: a fixed price from a time on */
  private forced: { from: number; price: number } | null = null;

  constructor(
    readonly spec: SymbolSpec,
    private readonly seed: number,
    market: MarketOptions = { preset: MARKET_PRESETS.normal, startTime: Date.UTC(2026, 10, 25) },
  ) {
    this.id = symbolId(spec.symbol);
    this.preset = market.preset;
    this.startDay = Math.floor((market.startTime - PATH_EPOCH) / DAY);
    this.startHour = Math.floor((market.startTime - PATH_EPOCH - this.startDay * DAY) / 3_600_000);
    this.step = 10 ** -spec.baseAssetPrecision;
    this.ticksPerUnit = 10 ** spec.quoteAssetPrecision;
    this.tick = 1 / this.ticksPerUnit;
    this.shape = { seed, symbolId: this.id, meanSizeSteps: spec.minuteVolume / TRADES_PER_MINUTE / this.step, tick: this.tick, roundPrice: this.round };
  }

  /** The last traded price at `time` (the minute's open before its first trade), at the symbol's tick. */
  priceAt(time: number): number {
    if (this.forced && time >= this.forced.from) return this.forced.price;
    const minute = minuteOf(time);
    let price = this.day(dayOf(minute)).open[minute - dayOf(minute) * MINUTES_PER_DAY]!;
    // A summarized day has no prints: its minutes are known by their candles.
    if (!this.hasTape(dayOf(minute))) return price;
    const tape = this.tape(minute);
    const offset = time - minuteStart(minute);
    for (let i = 0; i < tape.count && tape.offsets[i]! <= offset; i++) price = tape.prices[i]!;
    return price;
  }

  /** Lowest and highest traded price over [from, to) (the market's trades; a forced price counts as traded). Empty: ±Infinity. */
  range(from: number, to: number): { low: number; high: number } {
    let low = Infinity;
    let high = -Infinity;
    for (let minute = minuteOf(from); minuteStart(minute) < to; minute++) {
      const start = minuteStart(minute);
      const whole = start >= from && start + MINUTE <= to;
      if ((whole || !this.hasTape(dayOf(minute))) && this.isNatural(minute)) {
        const day = this.day(dayOf(minute));
        const m = minute - dayOf(minute) * MINUTES_PER_DAY;
        low = Math.min(low, day.low[m]!);
        high = Math.max(high, day.high[m]!);
        continue;
      }
      const tape = this.tape(minute);
      for (let i = 0; i < tape.count; i++) {
        const time = start + tape.offsets[i]!;
        if (time < from || time >= to) continue;
        const price = this.forcedAt(time) ?? tape.prices[i]!;
        low = Math.min(low, price);
        high = Math.max(high, price);
      }
    }
    if (this.forced && to > this.forced.from) {
      low = Math.min(low, this.forced.price);
      high = Math.max(high, this.forced.price);
    }
    return { low, high };
  }

  /** The candle of [openTime, openTime + interval), cut at `now` if it is still forming; aggregated from the tape. */
  kline(openTime: number, intervalMs: number, now: number): Kline {
    const closeTime = openTime + intervalMs;
    const closed = closeTime <= now;
    const firstDay = Math.floor((openTime - PATH_EPOCH) / DAY);
    const isOneDay = intervalMs === DAY && openTime === PATH_EPOCH + firstDay * DAY;
    const cacheable = isOneDay && closed && this.isNaturalUntil(closeTime) && this.ownFillsIn(openTime, closeTime).length === 0;
    if (cacheable) {
      const cached = this.cachedDay(firstDay);
      if (cached) return cached;
    }
    const end = Math.min(closeTime, now + 1);
    const total: MinuteStats = { open: NaN, high: -Infinity, low: Infinity, close: NaN, volumeSteps: 0, quoteSteps: 0 };
    for (let t = openTime; t < end; ) {
      const dayStart = PATH_EPOCH + Math.floor((t - PATH_EPOCH) / DAY) * DAY;
      if (t === dayStart && dayStart + DAY <= end && intervalMs > DAY && this.isNaturalUntil(dayStart + DAY)) {
        const day = this.kline(dayStart, DAY, dayStart + DAY);
        merge(total, { open: day.open, high: day.high, low: day.low, close: day.close, volumeSteps: Math.round(day.volume / this.step), quoteSteps: day.quoteVolume / this.step });
        t += DAY;
        continue;
      }
      // Whole natural minutes of one day: straight from the day's columns.
      const wholeUntil = Math.min(dayStart + DAY, minuteStart(minuteOf(end)));
      if (wholeUntil > t && t === minuteStart(minuteOf(t)) && this.isNaturalUntil(wholeUntil)) {
        this.addMinutes(total, minuteOf(t), minuteOf(wholeUntil));
        t = wholeUntil;
        continue;
      }
      const minute = minuteOf(t);
      merge(total, this.minuteStats(minute, Math.min(MINUTE, end - minuteStart(minute))));
      t = minuteStart(minute) + MINUTE;
    }
    for (const fill of this.ownFillsIn(openTime, end)) {
      total.high = Math.max(total.high, fill.price);
      total.low = Math.min(total.low, fill.price);
      total.volumeSteps += Math.round(fill.qty / this.step);
      total.quoteSteps += (fill.price * fill.qty) / this.step;
    }
    const kline: Kline = {
      openTime,
      // MEXC's closeTime is the next candle's open time (see the klines example).
      closeTime,
      open: total.open,
      high: total.high,
      low: total.low,
      close: total.close,
      volume: Number((total.volumeSteps * this.step).toFixed(this.spec.baseAssetPrecision)),
      quoteVolume: Number((total.quoteSteps * this.step).toFixed(2)),
    };
    if (cacheable) {
      if (firstDay < this.startDay) HISTORY_CANDLES.set(this.historyKey(firstDay), kline);
      else this.dayCandles.set(firstDay, kline);
    }
    return kline;
  }

  private cachedDay(day: number): Kline | undefined {
    return day < this.startDay ? HISTORY_CANDLES.get(this.historyKey(day)) : this.dayCandles.get(day);
  }

  private historyKey(day: number): string {
    return `${this.seed}|${this.spec.symbol}|${day}`;
  }

  /** The public tape over [from, to]: the newest `count` trades, oldest first, the market's and the accounts' own. */
  trades(from: number, to: number, count: number): PublicTrade[] {
    const newestFirst: PublicTrade[] = [];
    const floor = Math.max(from, to - TAPE_HISTORY, PATH_EPOCH + (this.startDay - TAPE_DAYS_BEFORE_START) * DAY);
    for (let minute = minuteOf(to); newestFirst.length < count && minuteStart(minute) + MINUTE > floor; minute--) {
      const tape = this.tape(minute);
      const start = minuteStart(minute);
      for (let i = tape.count - 1; i >= 0 && newestFirst.length < count; i--) {
        const time = start + tape.offsets[i]!;
        if (time > to || time < floor) continue;
        newestFirst.push({ time, price: this.forcedAt(time) ?? tape.prices[i]!, qty: this.qty(tape.qtySteps[i]!), buyerMaker: tape.buyerMaker[i] === 1 });
      }
    }
    const own = this.ownFillsIn(floor, to + 1).slice(-count);
    // Own fills print after the market's trades of the same millisecond (they were matched last).
    return [...newestFirst.reverse(), ...own].sort((a, b) => a.time - b.time).slice(-count);
  }

  /** An account's fill joins the public tape and the candles (the matching engine reports it). */
  recordOwnFill(trade: PublicTrade): void {
    let at = this.ownFills.length;
    while (at > 0 && this.ownFills[at - 1]!.time > trade.time) at--;
    this.ownFills.splice(at, 0, trade);
  }

  /** The own fills of [from, to), oldest first. */
  ownFillsIn(from: number, to: number): PublicTrade[] {
    const first = lowerBound(this.ownFills, from);
    const last = lowerBound(this.ownFills, to);
    return this.ownFills.slice(first, last);
  }

  /** The volatility at `time` relative to the symbol's usual one (1: an average minute): the book widens with it. */
  volatilityAt(time: number): number {
    const minute = minuteOf(time);
    const day = dayOf(minute);
    return this.day(day).sigma[minute - day * MINUTES_PER_DAY]! / (this.spec.dailyVolatility / Math.sqrt(MINUTES_PER_DAY));
  }

  /** Pin the price from `from` on (tests: make an order fill, move through an alert line). */
  force(price: number | null, from: number): void {
    this.forced = price === null ? null : { from, price: this.round(price) };
    this.dayCandles.clear();
  }

  /** The close of day `day` (days since PATH_EPOCH): the default walk, or the preset's from its start day on. */
  dailyClose(day: number): number {
    if (day >= this.startDay && this.presetMovesTheWalk()) return this.presetClose(day);
    return this.defaultClose(day);
  }

  private defaultClose(day: number): number {
    if (day < 0) return this.spec.basePrice;
    const mean = Math.log(this.spec.basePrice);
    while (this.closes.length <= day) {
      const d = this.closes.length;
      const previous = Math.log(d === 0 ? this.spec.basePrice : this.closes[d - 1]!);
      this.closes.push(Math.exp(previous + DAILY_REVERSION * (mean - previous) + this.spec.dailyVolatility * normal(this.seed, this.id, d, 99)));
    }
    return this.closes[day]!;
  }

  private presetMovesTheWalk(): boolean {
    return this.preset.volatility !== 1 || this.preset.dailyDrift !== 0 || this.preset.startDayReturn !== null;
  }

  private presetClose(day: number): number {
    const mean = Math.log(this.spec.basePrice);
    const { volatility, dailyDrift, startDayReturn } = this.preset;
    while (this.presetCloses.length <= day - this.startDay) {
      const d = this.startDay + this.presetCloses.length;
      // The day before the start is always on the default walk.
      const previous = Math.log(d === this.startDay ? this.defaultClose(d - 1) : this.presetCloses.at(-1)!);
      const next =
        d === this.startDay && startDayReturn !== null
          ? previous + Math.log(startDayReturn)
          : previous + (dailyDrift !== 0 ? dailyDrift : DAILY_REVERSION * (mean - previous)) + this.spec.dailyVolatility * volatility * normal(this.seed, this.id, d, 99);
      this.presetCloses.push(Math.exp(next));
    }
    return this.presetCloses[day - this.startDay]!;
  }

  private day(day: number): DayMinutes {
    let minutes = this.days.get(day);
    if (!minutes) {
      const shaped = day >= this.startDay;
      minutes = dayMinutes({
        ...this.shape,
        day,
        previousClose: this.dailyClose(day - 1),
        dayClose: this.dailyClose(day),
        dailyVolatility: this.spec.dailyVolatility * (shaped ? this.preset.volatility : 1),
        hourBoost: (hour) => (day === this.startDay && this.preset.startDayReturn !== null && hour >= this.startHour && hour < this.startHour + CRASH_HOURS ? CRASH_HOUR_BOOST : 1),
        tradesPerMinute: TRADES_PER_MINUTE * (shaped ? this.preset.tradeRate : 1),
        detail: this.hasTape(day) ? 'tape' : 'summary',
      });
      this.days.set(day, minutes);
    }
    return minutes;
  }

  /** Whether a day has trades (the tape reaches 30 days back from any time after the start). */
  private hasTape(day: number): boolean {
    return day >= this.startDay - TAPE_DAYS_BEFORE_START;
  }

  private tape(minute: number): MinuteTrades {
    let tape = this.tapes.get(minute);
    if (!tape) {
      const dayIndex = dayOf(minute);
      const day = this.day(dayIndex);
      const m = minute - dayIndex * MINUTES_PER_DAY;
      tape = minuteTrades({
        ...this.shape,
        minute,
        open: day.open[m]!,
        close: day.close[m]!,
        sigma: day.sigma[m]!,
        rate: day.rate[m]!,
      });
      this.tapes.set(minute, tape);
    }
    return tape;
  }

  /** Adds the minutes [first, last) of one day to a running candle. */
  private addMinutes(total: MinuteStats, first: number, last: number): void {
    const dayIndex = dayOf(first);
    const day = this.day(dayIndex);
    const base = dayIndex * MINUTES_PER_DAY;
    if (Number.isNaN(total.open)) total.open = day.open[first - base]!;
    let { high, low, volumeSteps, quoteSteps } = total;
    for (let m = first - base; m < last - base; m++) {
      if (day.high[m]! > high) high = day.high[m]!;
      if (day.low[m]! < low) low = day.low[m]!;
      volumeSteps += day.volumeSteps[m]!;
      quoteSteps += day.quoteSteps[m]!;
    }
    Object.assign(total, { high, low, volumeSteps, quoteSteps, close: day.close[last - 1 - base]! });
  }

  /** One minute's candle, from the day's columns when nothing changes it, else from its tape (cut at `upTo` ms, forced prices). */
  private minuteStats(minute: number, upTo: number): MinuteStats {
    const dayIndex = dayOf(minute);
    const day = this.day(dayIndex);
    const m = minute - dayIndex * MINUTES_PER_DAY;
    if ((upTo >= MINUTE || !this.hasTape(dayIndex)) && this.isNatural(minute)) {
      return { open: day.open[m]!, high: day.high[m]!, low: day.low[m]!, close: day.close[m]!, volumeSteps: day.volumeSteps[m]!, quoteSteps: day.quoteSteps[m]! };
    }
    const start = minuteStart(minute);
    const opening = this.forcedAt(start) ?? day.open[m]!;
    const stats: MinuteStats = { open: opening, high: opening, low: opening, close: opening, volumeSteps: 0, quoteSteps: 0 };
    const tape = this.tape(minute);
    for (let i = 0; i < tape.count && tape.offsets[i]! < upTo; i++) {
      const price = this.forcedAt(start + tape.offsets[i]!) ?? tape.prices[i]!;
      if (i === 0) stats.open = stats.high = stats.low = price;
      stats.high = Math.max(stats.high, price);
      stats.low = Math.min(stats.low, price);
      stats.close = price;
      stats.volumeSteps += tape.qtySteps[i]!;
      stats.quoteSteps += price * tape.qtySteps[i]!;
    }
    return stats;
  }

  private forcedAt(time: number): number | null {
    return this.forced && time >= this.forced.from ? this.forced.price : null;
  }

  /** No forced price touches this minute. */
  private isNatural(minute: number): boolean {
    return !this.forced || minuteStart(minute) + MINUTE <= this.forced.from;
  }

  private isNaturalUntil(time: number): boolean {
    return !this.forced || time <= this.forced.from;
  }

  private qty(steps: number): number {
    return Number((steps * this.step).toFixed(this.spec.baseAssetPrecision));
  }

  private readonly round = (price: number): number => Math.max(this.tick, Math.round(price * this.ticksPerUnit) / this.ticksPerUnit);
}

const minuteOf = (time: number) => Math.floor((time - PATH_EPOCH) / MINUTE);
const minuteStart = (minute: number) => PATH_EPOCH + minute * MINUTE;
const dayOf = (minute: number) => Math.floor(minute / MINUTES_PER_DAY);

function merge(total: MinuteStats, minute: MinuteStats): void {
  if (Number.isNaN(total.open)) total.open = minute.open;
  total.high = Math.max(total.high, minute.high);
  total.low = Math.min(total.low, minute.low);
  total.close = minute.close;
  total.volumeSteps += minute.volumeSteps;
  total.quoteSteps += minute.quoteSteps;
}

/** First index whose trade time is ≥ `time` (the list is sorted by time). */
function lowerBound(trades: PublicTrade[], time: number): number {
  let lo = 0;
  let hi = trades.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (trades[mid]!.time < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
