/**
 * A heatmap cell's tint: where a value sits against the grid's median, as a
 * share of the "better" or "worse" colour, so neighbouring cells differ even
 * when every cell lost money. Capped so the cell's text keeps its contrast in
 * both themes; the text always carries the value itself.
 */
export const MAX_TINT_PERCENT = 30;

export interface Shade {
  tone: 'better' | 'worse' | 'neutral';
  /** 0‥MAX_TINT_PERCENT */
  percent: number;
}

/** `value` against all the grid's values; `better` says which way is good (PnL: higher, average cost: lower). */
export function heatmapShade(value: number | null, all: readonly number[], better: 'higher' | 'lower'): Shade {
  if (value === null || all.length === 0) return { tone: 'neutral', percent: 0 };
  const sorted = [...all].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const reach = Math.max(median - sorted[0]!, sorted.at(-1)! - median);
  if (reach === 0 || value === median) return { tone: 'neutral', percent: 0 };
  const above = value > median;
  return { tone: above === (better === 'higher') ? 'better' : 'worse', percent: Math.round((Math.abs(value - median) / reach) * MAX_TINT_PERCENT) };
}

/** The cell's inline background: the tone's colour mixed into the panel. */
export function shadeBackground({ tone, percent }: Shade): string | undefined {
  if (tone === 'neutral' || percent === 0) return undefined;
  return `color-mix(in srgb, var(${tone === 'better' ? '--up' : '--down'}) ${percent}%, var(--panel-2))`;
}
