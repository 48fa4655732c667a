import { minuteSummary, minuteTrades, tradeScratch, type MinuteInput, type MinuteTrades, type TapeShape } from './minuteTrades';
import { SeededRandom } from './SeededRandom';

export const MINUTES_PER_DAY = 1440;

/** One day of 1m candles, aggregated from the day's tape (columns: 1440 entries each). */
export interface DayMinutes {
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  /** base volume in steps (integers: exact sums) */
  volumeSteps: Float64Array;
  /** Σ price × quantity in base steps (times the step: the quote volume) */
  quoteSteps: Float64Array;
  count: Uint32Array;
  /** the minute's log-price standard deviation: the volatility state */
  sigma: Float64Array;
  /** the minute's expected number of trades */
  rate: Float64Array;
}

export interface DayInput extends TapeShape {
  /** days since PATH_EPOCH */
  day: number;
  previousClose: number;
  dayClose: number;
  /** the day's volatility (standard deviation of the daily log return) */
  dailyVolatility: number;
  /** per hour of the day: multiplies the volatility (a crash concentrates in its hours) */
  hourBoost(hour: number): number;
  tradesPerMinute: number;
  /** 'tape': every minute aggregates its trades; 'summary': minutes drawn whole (days with no tape to show) */
  detail: 'tape' | 'summary';
}

/** Hourly log-volatility: AR(1) with this persistence and innovation, so calm and wild hours cluster. */
const VOL_PERSISTENCE = 0.9;
const VOL_INNOVATION = 0.35;
/** Jumps: about this many a day, each this many minute-sigmas (either way). */
const JUMPS_PER_DAY = 2;
const JUMP_SIGMAS = [4, 10] as const;
/** The trade rate follows the volatility with this elasticity, times Gamma noise of this shape. */
const RATE_ELASTICITY = 0.8;
const RATE_NOISE_SHAPE = 2;
const DAY_STREAM = 0x1d47;

/**
 * A day of the intraday path (issue #15): per-minute log returns drawn from a
 * fat-tailed Student-t scaled by a clustered (hourly AR) volatility, plus rare
 * jumps, then pinned to the day's close by a variance-weighted Brownian-bridge
 * correction. Each minute's trades (minuteTrades) start on the previous close
 * and end on this path; the candles aggregate them (or, for a day too old to
 * have a tape, minuteSummary draws each minute whole).
 */
export function dayMinutes(input: DayInput): DayMinutes {
  const random = new SeededRandom(input.seed, input.symbolId, input.day, DAY_STREAM);
  const minuteSigma = input.dailyVolatility / Math.sqrt(MINUTES_PER_DAY);
  const stationary = VOL_INNOVATION / Math.sqrt(1 - VOL_PERSISTENCE ** 2);
  // exp(a) has mean square exp(2·var): divide it out so the day keeps its volatility on average.
  const meanSquare = Math.exp(stationary * stationary);
  let state = stationary * random.normal();
  const sigma = new Float64Array(MINUTES_PER_DAY);
  const rate = new Float64Array(MINUTES_PER_DAY);
  const walk = new Float64Array(MINUTES_PER_DAY);
  const weight = new Float64Array(MINUTES_PER_DAY);
  let sum = 0;
  let variance = 0;
  for (let hour = 0; hour < 24; hour++) {
    if (hour > 0) state = VOL_PERSISTENCE * state + VOL_INNOVATION * random.normal();
    const level = Math.exp(state) / Math.sqrt(meanSquare);
    const hourSigma = minuteSigma * level * input.hourBoost(hour);
    for (let m = hour * 60; m < hour * 60 + 60; m++) {
      sigma[m] = hourSigma;
      rate[m] = input.tradesPerMinute * level ** RATE_ELASTICITY * random.gammaMeanOne(RATE_NOISE_SHAPE);
      let step = hourSigma * random.studentT();
      if (random.unit() < JUMPS_PER_DAY / MINUTES_PER_DAY) {
        step += (random.unit() < 0.5 ? -1 : 1) * hourSigma * (JUMP_SIGMAS[0] + (JUMP_SIGMAS[1] - JUMP_SIGMAS[0]) * random.unit());
      }
      sum += step;
      variance += hourSigma * hourSigma;
      walk[m] = sum;
      weight[m] = variance;
    }
  }
  // The bridge: take away the walk's miss of the day's close in proportion to the variance so far.
  const miss = sum - Math.log(input.dayClose / input.previousClose);
  const day: DayMinutes = {
    open: new Float64Array(MINUTES_PER_DAY),
    high: new Float64Array(MINUTES_PER_DAY),
    low: new Float64Array(MINUTES_PER_DAY),
    close: new Float64Array(MINUTES_PER_DAY),
    volumeSteps: new Float64Array(MINUTES_PER_DAY),
    quoteSteps: new Float64Array(MINUTES_PER_DAY),
    count: new Uint32Array(MINUTES_PER_DAY),
    sigma,
    rate,
  };
  let open = input.roundPrice(input.previousClose);
  const firstMinute = input.day * MINUTES_PER_DAY;
  const scratch = tradeScratch();
  // One input object, updated minute by minute (no garbage per minute: a day is 1440 of them).
  const minute: MinuteInput = { seed: input.seed, symbolId: input.symbolId, meanSizeSteps: input.meanSizeSteps, tick: input.tick, roundPrice: input.roundPrice, minute: 0, open: 0, close: 0, sigma: 0, rate: 0 };
  for (let m = 0; m < MINUTES_PER_DAY; m++) {
    const close = m === MINUTES_PER_DAY - 1 ? input.roundPrice(input.dayClose) : input.roundPrice(input.previousClose * Math.exp(walk[m]! - (miss * weight[m]!) / variance));
    minute.minute = firstMinute + m;
    minute.open = open;
    minute.close = close;
    minute.sigma = sigma[m]!;
    minute.rate = rate[m]!;
    if (input.detail === 'summary') {
      const summary = minuteSummary(minute);
      day.high[m] = summary.high;
      day.low[m] = summary.low;
      day.volumeSteps[m] = summary.volumeSteps;
      day.quoteSteps[m] = summary.quoteSteps;
      day.count[m] = summary.count;
    } else {
      const trades: MinuteTrades = minuteTrades(minute, false, scratch);
      let high = -Infinity;
      let low = Infinity;
      let volume = 0;
      let quote = 0;
      for (let i = 0; i < trades.count; i++) {
        const p = trades.prices[i]!;
        if (p > high) high = p;
        if (p < low) low = p;
        volume += trades.qtySteps[i]!;
        quote += p * trades.qtySteps[i]!;
      }
      day.high[m] = high;
      day.low[m] = low;
      day.volumeSteps[m] = volume;
      day.quoteSteps[m] = quote;
      day.count[m] = trades.count;
    }
    day.open[m] = open;
    day.close[m] = close;
    open = close;
  }
  return day;
}
