/**
 * Market presets (issue #15): the character of the simulated market from the
 * sim's start time on. History before the start is the default walk, so the
 * daily closes every test relies on never change with a preset.
 */
export type PresetName = 'normal' | 'quiet' | 'trending' | 'crash' | 'thin' | 'maintenance';

export interface MarketPreset {
  name: PresetName;
  /** one line for `npm run sim -- --help` and the README */
  description: string;
  /** multiplies the symbol's daily volatility (the walk and the intraday path) */
  volatility: number;
  /** log drift per day, added to the daily walk */
  dailyDrift: number;
  /** the start day's close over the previous close (crash: 0.6), or null */
  startDayReturn: number | null;
  /** multiplies the trades per minute */
  tradeRate: number;
  /** multiplies the quantity at every book level */
  depth: number;
  /** multiplies the spread */
  spread: number;
  /** multiplies the number of book levels */
  levels: number;
  /** every REST request answers MEXC's maintenance error until the fault is cleared */
  maintenance: boolean;
}

const NORMAL: MarketPreset = {
  name: 'normal',
  description: 'a small-cap day: a few % daily volatility, fat tails, clustered trades',
  volatility: 1,
  dailyDrift: 0,
  startDayReturn: null,
  tradeRate: 1,
  depth: 1,
  spread: 1,
  levels: 1,
  maintenance: false,
};

export const MARKET_PRESETS: Record<PresetName, MarketPreset> = {
  normal: NORMAL,
  quiet: { ...NORMAL, name: 'quiet', description: 'low volatility (about 1.5 % a day), fewer trades, a tight book', volatility: 0.35, tradeRate: 0.5, spread: 0.7 },
  trending: { ...NORMAL, name: 'trending', description: 'a steady climb: about +3 % a day on top of the usual noise', dailyDrift: 0.03 },
  crash: {
    ...NORMAL,
    name: 'crash',
    description: 'the start day closes 40 % below the day before, most of it in the hours after the start; nervous afterwards',
    volatility: 1.6,
    startDayReturn: 0.6,
    tradeRate: 1.5,
    depth: 0.6,
    spread: 1.5,
  },
  thin: { ...NORMAL, name: 'thin', description: 'a thin book: little depth, few levels, a wide spread, few trades', depth: 0.12, spread: 3.5, levels: 0.25, tradeRate: 0.4 },
  maintenance: { ...NORMAL, name: 'maintenance', description: 'MEXC under maintenance: every REST request answers 503 until the fault is cleared', maintenance: true },
};

export const PRESET_NAMES = Object.keys(MARKET_PRESETS) as PresetName[];

export function findPreset(name: string): MarketPreset | undefined {
  return (MARKET_PRESETS as Record<string, MarketPreset>)[name];
}
