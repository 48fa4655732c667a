import { SeededRandom } from './SeededRandom';

/** The trades of one minute, in time order (columns, so a day of them stays cheap). */
export interface MinuteTrades {
  count: number;
  /** ms after the minute's start, ascending */
  offsets: Int32Array;
  /** prices at the tick */
  prices: Float64Array;
  /** quantities in base steps (integers) */
  qtySteps: Float64Array;
  /** 1 when the seller took (the buyer was the maker) */
  buyerMaker: Uint8Array;
}

/** What every minute of one symbol's tape shares. */
export interface TapeShape {
  seed: number;
  symbolId: number;
  /** mean trade size in base steps */
  meanSizeSteps: number;
  /** the price tick */
  tick: number;
  roundPrice(price: number): number;
}

export interface MinuteInput extends TapeShape {
  /** minutes since PATH_EPOCH: seeds this minute's stream */
  minute: number;
  /** the previous minute's close: the first trade prints here */
  open: number;
  /** the minute's close on the price path: the last trade prints here */
  close: number;
  /** standard deviation of the log price over the minute */
  sigma: number;
  /** expected number of trades */
  rate: number;
}

/** Trade sizes: Pareto with this tail index (heavy tails: a few trades carry much of the volume). */
const SIZE_TAIL = 1.6;
/** no single trade above this many mean sizes */
const SIZE_CAP = 60;
/** trades arrive in bursts: each burst's trades follow its start by an exponential gap of this mean */
const BURST_SPREAD_MS = 1_500;
/** bursts per trade: fewer bursts than trades make the arrivals cluster */
const BURSTS_PER_TRADE = 0.3;
const TAPE_STREAM = 0x7a9e;
const SUMMARY_STREAM = 0x5a11;
/** a summarized minute's volume: its trades' mean size times log-normal noise of this spread */
const SUMMARY_VOLUME_SPREAD = 0.6;
const TIME_STREAM = 0x71e5;

/**
 * One minute of the tape (issue #15): clustered arrival times, heavy-tailed
 * sizes, prices that open at the previous close, reach the minute's high and
 * low (sampled exactly as a Brownian bridge's extremes) and end on the path's
 * close. The minute's candle is aggregated from these trades, so volume and
 * prices agree exactly. Prices and sizes come first from one stream, times
 * from another, so a candle can skip the times and still match the tape.
 */
export function minuteTrades(input: MinuteInput, withTimes = true, scratch?: MinuteTrades): MinuteTrades {
  const random = new SeededRandom(input.seed, input.symbolId, input.minute, TAPE_STREAM);
  const { open, close, sigma, roundPrice } = input;
  const { high, low } = bridgeExtremes(random, input);
  const needsHigh = high > Math.max(open, close);
  const needsLow = low < Math.min(open, close);
  const anchorsNeeded = open === close && !needsHigh && !needsLow ? 1 : 2 + Number(needsHigh) + Number(needsLow);
  const count = Math.max(anchorsNeeded, random.poisson(input.rate));
  const trades = scratch && scratch.prices.length >= count ? scratch : allocate(count);
  trades.count = count;
  const { prices, qtySteps } = trades;

  prices.fill(NaN, 0, count);
  prices[0] = open;
  if (count > 1) prices[count - 1] = close;
  const interior = count - 2;
  let highAt = -1;
  if (needsHigh) {
    highAt = 1 + Math.floor(random.unit() * interior);
    prices[highAt] = high;
  }
  if (needsLow) {
    let lowAt = 1 + Math.floor(random.unit() * (interior - Number(needsHigh)));
    if (needsHigh && lowAt >= highAt) lowAt++;
    prices[lowAt] = low;
  }
  // Between anchors the price wanders as a small bridge inside [low, high] (linear in price: a minute is short).
  const floor = needsLow ? low : Math.min(open, close);
  const wanderScale = (sigma * open) / Math.sqrt(Math.max(count, 1));
  let from = 0;
  for (let i = 1; i < count; i++) {
    if (!Number.isNaN(prices[i]!)) {
      const span = i - from;
      const a = prices[from]!;
      const b = prices[i]!;
      for (let j = from + 1; j < i; j++) {
        const f = (j - from) / span;
        const wander = wanderScale * Math.sqrt(f * (1 - f) * span) * random.roughNormal();
        prices[j] = Math.min(high, Math.max(floor, roundPrice(a + (b - a) * f + wander)));
      }
      from = i;
    }
  }
  const cap = input.meanSizeSteps * SIZE_CAP;
  for (let i = 0; i < count; i++) qtySteps[i] = Math.max(1, Math.round(Math.min(cap, random.pareto(SIZE_TAIL, input.meanSizeSteps))));
  if (withTimes) placeInTime(input, trades);
  return trades;
}

/** Arrival times and aggressor sides, from a stream of their own (the candles never need them). */
function placeInTime(input: MinuteInput, trades: MinuteTrades): void {
  const random = new SeededRandom(input.seed, input.symbolId, input.minute, TIME_STREAM);
  const { count, offsets, prices, buyerMaker } = trades;
  const bursts = Array.from({ length: 1 + random.poisson(count * BURSTS_PER_TRADE) }, () => random.unit() * 60_000);
  for (let i = 0; i < count; i++) {
    const start = bursts[Math.floor(random.unit() * bursts.length)]!;
    offsets[i] = Math.min(59_999, Math.floor(start + random.exponential(BURST_SPREAD_MS)));
  }
  offsets.subarray(0, count).sort();
  for (let i = 0; i < count; i++) {
    const previous = i === 0 ? input.open : prices[i - 1]!;
    // An uptick is a buyer taking the ask; a downtick a seller hitting the bid; else either.
    buyerMaker[i] = prices[i]! > previous ? 0 : prices[i]! < previous ? 1 : random.unit() < 0.5 ? 1 : 0;
  }
}

function allocate(count: number): MinuteTrades {
  return { count, offsets: new Int32Array(count), prices: new Float64Array(count), qtySteps: new Float64Array(count), buyerMaker: new Uint8Array(count) };
}

/** A reusable buffer for aggregating many minutes without allocating each. */
export function tradeScratch(capacity = 256): MinuteTrades {
  return allocate(capacity);
}

/**
 * The minute's high and low: the extremes of a Brownian bridge from open to
 * close, P(max > x) = exp(−2(x−lo)(x−lc)/σ²), sampled exactly, at the tick.
 */
function bridgeExtremes(random: SeededRandom, input: MinuteInput): { high: number; low: number } {
  const { open, close, sigma, tick, roundPrice } = input;
  const lo = Math.log(open);
  const lc = Math.log(close);
  const spreadTerm = (lo - lc) ** 2;
  const high = Math.max(open, close, roundPrice(Math.exp((lo + lc + Math.sqrt(spreadTerm - 2 * sigma * sigma * Math.log(1 - random.unit()))) / 2)));
  const drawnLow = roundPrice(Math.exp((lo + lc - Math.sqrt(spreadTerm - 2 * sigma * sigma * Math.log(1 - random.unit()))) / 2));
  return { high, low: drawnLow >= tick ? Math.min(open, close, drawnLow) : Math.min(open, close) };
}

/** A minute's candle without its trades. */
export interface MinuteSummary {
  high: number;
  low: number;
  volumeSteps: number;
  /** Σ price × quantity in base steps */
  quoteSteps: number;
  count: number;
}

/**
 * A minute far in the past, summarized: the same open, close and high/low law
 * as a traded minute, its volume drawn whole (log-normal around its expected
 * trades), its quote volume at the typical price. MEXC serves no trades that
 * old, so no tape is needed; years of daily candles stay cheap (issue #15).
 */
export function minuteSummary(input: MinuteInput): MinuteSummary {
  const random = new SeededRandom(input.seed, input.symbolId, input.minute, SUMMARY_STREAM);
  const { high, low } = bridgeExtremes(random, input);
  const count = Math.max(1, random.poisson(input.rate));
  const noise = Math.exp(SUMMARY_VOLUME_SPREAD * random.normal() - (SUMMARY_VOLUME_SPREAD * SUMMARY_VOLUME_SPREAD) / 2);
  const volumeSteps = Math.max(count, Math.round(count * input.meanSizeSteps * noise));
  return { high, low, volumeSteps, quoteSteps: (volumeSteps * (input.open + high + low + input.close)) / 4, count };
}
