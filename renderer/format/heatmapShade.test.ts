import { describe, expect, it } from 'vitest';
import { heatmapShade, MAX_TINT_PERCENT, shadeBackground } from './heatmapShade';

describe('heatmapShade', () => {
  it('tints against the grid median, so cells differ even when all lost money', () => {
    const all = [-90, -80, -75, -70];
    // median −75, reach 15 (to −90): −70 is 5/15 of the way to the best tint
    expect(heatmapShade(-70, all, 'higher')).toEqual({ tone: 'better', percent: 10 });
    expect(heatmapShade(-90, all, 'higher')).toEqual({ tone: 'worse', percent: MAX_TINT_PERCENT });
    expect(heatmapShade(-75, all, 'higher')).toEqual({ tone: 'neutral', percent: 0 });
  });

  it('takes lower as better for average cost', () => {
    const all = [0.2, 0.25, 0.3];
    expect(heatmapShade(0.2, all, 'lower')).toEqual({ tone: 'better', percent: MAX_TINT_PERCENT });
    expect(heatmapShade(0.3, all, 'lower')).toEqual({ tone: 'worse', percent: MAX_TINT_PERCENT });
    expect(heatmapShade(null, all, 'lower').tone).toBe('neutral');
  });

  it('leaves a grid of equal values plain', () => {
    expect(heatmapShade(5, [5, 5, 5], 'higher')).toEqual({ tone: 'neutral', percent: 0 });
  });

  it('mixes the tone into the panel colour, or leaves the cell plain', () => {
    expect(shadeBackground({ tone: 'better', percent: 12 })).toBe('color-mix(in srgb, var(--up) 12%, var(--panel-2))');
    expect(shadeBackground({ tone: 'worse', percent: 30 })).toBe('color-mix(in srgb, var(--down) 30%, var(--panel-2))');
    expect(shadeBackground({ tone: 'neutral', percent: 0 })).toBeUndefined();
  });
});
