import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dec } from './Decimal';
import { startMexcSim, type MexcSim } from './index';
import { OrderBookModel } from './OrderBookModel';
import { DAY, MINUTE, PATH_EPOCH, PricePath } from './PricePath';
import { MARKET_PRESETS, type PresetName } from './presets';
import { findSymbol } from './symbols';
import { symbolId } from './hash';

// Issue #15: the simulator is a market, not a metronome. Statistics on a fixed seed.
const SEED = 42;
const START = Date.UTC(2026, 10, 25, 1);
const QRL = findSymbol('QRLUSDT')!;
const HOUR = 60 * MINUTE;

const std = (values: number[]) => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
};
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const steps = (text: string) => dec(text);

/** Daily log returns over `days` days from `from`: close over previous close (a day candle opens on the previous close and closes on the walk, tested below). */
function dailyReturns(path: PricePath, from: number, days: number): number[] {
  const first = (from - PATH_EPOCH) / DAY;
  return Array.from({ length: days }, (_, d) => Math.log(path.dailyClose(first + d) / path.dailyClose(first + d - 1)));
}

describe('the simulated market (seed 42): realistic statistics', () => {
  const path = new PricePath(QRL, SEED, { preset: MARKET_PRESETS.normal, startTime: START });

  it('almost no 1m candle is flat: under 3 % over two days', () => {
    const from = Date.UTC(2026, 10, 22);
    let flat = 0;
    const minutes = 2 * 1440;
    for (let i = 0; i < minutes; i++) {
      const c = path.kline(from + i * MINUTE, MINUTE, START);
      if (c.open === c.high && c.high === c.low && c.low === c.close) flat++;
    }
    const share = flat / minutes;
    console.log(`flat 1m candles: ${(share * 100).toFixed(2)} %`);
    expect(share).toBeLessThan(0.03);
  });

  it('trades arrive in clusters: the inter-arrival coefficient of variation is above 1, and not on whole seconds', () => {
    const trades = path.trades(START - DAY, START, 1_000_000);
    const gaps = trades.slice(1).map((t, i) => t.time - trades[i]!.time);
    const cv = std(gaps) / mean(gaps);
    console.log(`a day of tape: ${trades.length} trades, inter-arrival CV ${cv.toFixed(2)}`);
    expect(trades.length).toBeGreaterThan(2000);
    expect(cv).toBeGreaterThan(1);
    expect(trades.filter((t) => t.time % 1000 !== 0).length).toBeGreaterThan(trades.length * 0.9);
  });

  it('trade sizes are heavy-tailed: the largest 5 % of trades carry over a fifth of the volume', () => {
    const sizes = path.trades(START - DAY, START, 1_000_000).map((t) => t.qty).sort((a, b) => b - a);
    const top = sizes.slice(0, Math.ceil(sizes.length * 0.05)).reduce((a, b) => a + b, 0);
    const share = top / sizes.reduce((a, b) => a + b, 0);
    console.log(`top 5 % of trades: ${(share * 100).toFixed(1)} % of the volume`);
    expect(share).toBeGreaterThan(0.2);
  });

  it('intraday returns have fat tails (kurtosis above 4) and clustered volatility (|r| autocorrelated)', () => {
    const closes: number[] = [];
    for (let i = 0; i < 3 * 1440; i++) closes.push(path.kline(START - 3 * DAY + i * MINUTE, MINUTE, START).close);
    const r = closes.slice(1).map((c, i) => Math.log(c / closes[i]!));
    const m = mean(r);
    const s = std(r);
    const kurtosis = mean(r.map((x) => ((x - m) / s) ** 4));
    const abs = r.map(Math.abs);
    const am = mean(abs);
    const lagged = mean(abs.slice(60).map((x, i) => (x - am) * (abs[i]! - am))) / std(abs) ** 2;
    console.log(`1m returns: kurtosis ${kurtosis.toFixed(1)}, |r| autocorrelation at 1 h ${lagged.toFixed(2)}`);
    expect(kurtosis).toBeGreaterThan(4);
    expect(lagged).toBeGreaterThan(0.05);
  });

  it.each<[PresetName, number, number]>([
    ['normal', 0.04, 0.08],
    ['quiet', 0.01, 0.025],
    ['trending', 0.04, 0.08],
  ])('daily returns of %s have a standard deviation between %d and %d (over 1000 days)', (preset, low, high) => {
    const from = Date.UTC(2023, 0, 1);
    const shaped = new PricePath(QRL, SEED, { preset: MARKET_PRESETS[preset], startTime: from });
    const returns = dailyReturns(shaped, from, 1000);
    console.log(`${preset}: daily σ ${(std(returns) * 100).toFixed(2)} %, mean ${(mean(returns) * 100).toFixed(2)} %`);
    expect(std(returns)).toBeGreaterThan(low);
    expect(std(returns)).toBeLessThan(high);
    if (preset === 'trending') expect(mean(returns)).toBeGreaterThan(0.02);
  });

  it('the daily candle is its 1440 minutes: open, high, low, close and volume agree, and it runs from the walk\'s previous close to its close', () => {
    for (const day of [Date.UTC(2026, 10, 20), Date.UTC(2026, 10, 23)]) {
      const daily = path.kline(day, DAY, START);
      const minutes = Array.from({ length: 1440 }, (_, i) => path.kline(day + i * MINUTE, MINUTE, START));
      expect(daily.open).toBe(minutes[0]!.open);
      expect(daily.close).toBe(minutes.at(-1)!.close);
      expect(daily.high).toBe(Math.max(...minutes.map((m) => m.high)));
      expect(daily.low).toBe(Math.min(...minutes.map((m) => m.low)));
      expect(steps(daily.volume.toFixed(2))).toBe(minutes.reduce((sum, m) => sum + steps(m.volume.toFixed(2)), 0n));
      expect(daily.close).toBe(Number(path.dailyClose((day - PATH_EPOCH) / DAY).toFixed(4)));
      expect(daily.open).toBe(Number(path.dailyClose((day - PATH_EPOCH) / DAY - 1).toFixed(4)));
    }
  });

  it('spread and depth vary over a day', () => {
    const book = new OrderBookModel(QRL, SEED, path, MARKET_PRESETS.normal, symbolId(QRL.symbol));
    const spreads = new Set<bigint>();
    const depths: number[] = [];
    const levels = new Set<number>();
    for (let t = START - DAY; t < START; t += 5 * MINUTE) {
      const b = book.book(t, 5000);
      spreads.add(b.asks[0]![0] - b.bids[0]![0]);
      depths.push(b.bids.slice(0, 20).reduce((sum, [, q]) => sum + Number(q) / 1e8, 0));
      levels.add(b.bids.length);
    }
    const ticks = [...spreads].map((s) => Number(s) / 1e4);
    console.log(`spread ${Math.min(...ticks)}–${Math.max(...ticks)} ticks, top-20 bid depth ${Math.min(...depths).toFixed(0)}–${Math.max(...depths).toFixed(0)} QRL, ${Math.min(...levels)}–${Math.max(...levels)} levels`);
    expect(spreads.size).toBeGreaterThan(3);
    expect(Math.max(...depths) / Math.min(...depths)).toBeGreaterThan(2);
    expect(levels.size).toBeGreaterThan(3);
  });
});

describe('candles are the tape, over REST (seed 42)', () => {
  let sim: MexcSim;
  beforeAll(async () => {
    sim = await startMexcSim({ seed: SEED, startTime: START, enforceRateLimit: false });
  });
  afterAll(() => sim.close());
  const get = async <T>(path: string) => (await (await fetch(`${sim.url}${path}`)).json()) as T;

  it('each 1m volume is the sum of that minute\'s trades, and the 1h candle is its sixty 1m candles', async () => {
    const hour = START - 2 * HOUR;
    const ones = await get<string[][]>(`/api/v3/klines?symbol=QRLUSDT&interval=1m&startTime=${hour}&endTime=${hour + HOUR - 1}&limit=60`);
    const [sixty] = await get<string[][]>(`/api/v3/klines?symbol=QRLUSDT&interval=60m&startTime=${hour}&endTime=${hour}&limit=1`);
    const trades = await get<{ p: string; q: string; T: number }[]>(`/api/v3/aggTrades?symbol=QRLUSDT&startTime=${hour}&endTime=${hour + HOUR - 1}&limit=1000`);
    expect(ones).toHaveLength(60);
    expect(trades.length).toBeLessThan(1000);
    for (const candle of ones) {
      const open = Number(candle[0]);
      const own = trades.filter((t) => t.T >= open && t.T < open + MINUTE);
      expect(own.reduce((sum, t) => sum + steps(t.q), 0n)).toBe(steps(candle[5]!));
      expect(own[0]!.p).toBe(candle[1]);
      expect(own.at(-1)!.p).toBe(candle[4]);
      expect(Math.max(...own.map((t) => Number(t.p)))).toBe(Number(candle[2]));
      expect(Math.min(...own.map((t) => Number(t.p)))).toBe(Number(candle[3]));
    }
    expect(ones.reduce((sum, c) => sum + steps(c[5]!), 0n)).toBe(steps(sixty![5]!));
    expect(sixty![1]).toBe(ones[0]![1]);
    expect(sixty![4]).toBe(ones.at(-1)![4]);
    expect(Number(sixty![2])).toBe(Math.max(...ones.map((c) => Number(c[2]))));
    expect(Number(sixty![3])).toBe(Math.min(...ones.map((c) => Number(c[3]))));
  });

  it('lastUpdateId only grows, across minute boundaries and as prints land', async () => {
    let previous = 0;
    for (let i = 0; i < 40; i++) {
      const { lastUpdateId } = await get<{ lastUpdateId: number }>('/api/v3/depth?symbol=QRLUSDT&limit=5');
      expect(lastUpdateId).toBeGreaterThan(previous);
      previous = lastUpdateId;
      sim.clock.advance(7_000); // crosses a minute boundary every few steps
    }
  });

  it('depth answers as many levels as asked, up to what the book holds (not a fixed 50)', async () => {
    const small = await get<{ bids: unknown[]; asks: unknown[] }>('/api/v3/depth?symbol=QRLUSDT&limit=100');
    const all = await get<{ bids: unknown[]; asks: unknown[] }>('/api/v3/depth?symbol=QRLUSDT&limit=5000');
    expect(small.bids).toHaveLength(100);
    expect(all.bids.length).toBeGreaterThan(100);
  });
});
