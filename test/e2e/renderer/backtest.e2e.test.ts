import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dispatchCommand } from '../../../main/core/bot/dispatchCommand';
import { SWEEP_ALREADY_RUNNING } from '../../../main/core/backtest/BacktestSweep';
import { formatDecimal, formatSignedDecimal } from '../../../renderer/format/formatDecimal';
import { engineInChromium } from '../../support/engineInChromium';
import { expectScreenshot } from '../../support/expectScreenshot';
import { missingChromiumReason } from '../../support/requiredTool';
import { expectAxeClean } from './expectAxeClean';

const skipReason = missingChromiumReason();

/** Ten years: more than MEXC's 1000 klines a request, so the history must be paged. */
const DAYS = 3650;
const BIG_GRID = { thresholds: '1 1.01 1.02 1.03 1.04 1.05 1.06 1.07 1.08 1.09 1.1 1.11', offsets: '0.95 0.96 0.97 0.98 0.99 0.995', pairs: '20/60 10/30' };

/**
 * The Backtest view in Chromium against the REAL engine (BotService) and the
 * MEXC simulator through the web host: the comparison with buy-and-hold and
 * DCA, and the parameter sweep (progress, heatmap, cancel), in both themes.
 */
describe.skipIf(skipReason !== null)('backtest comparison and parameter sweep in Chromium (engine + MEXC simulator)', () => {
  const engine = engineInChromium();

  const openBacktest = async (colorScheme: 'light' | 'dark') => {
    const { page, errors } = await engine.open({ colorScheme });
    await page.getByRole('tab', { name: 'Backtest' }).click();
    await page.getByLabel('Days of daily candles').fill(String(DAYS));
    return { page, errors };
  };
  const lookAt = async (page: Page, name: string, what: string) => {
    await expectAxeClean(page, what);
    await expectScreenshot(page, name);
  };

  for (const scheme of ['light', 'dark'] as const) {
    it(`compares the strategy with buy-and-hold and daily DCA over ${DAYS} paged days, on one chart (${scheme})`, async () => {
      const { page, errors } = await openBacktest(scheme);
      await page.getByRole('button', { name: 'Run backtest' }).click();
      await page.getByTestId('backtest-result').waitFor({ timeout: 90_000 });
      // What the page shows is what the engine computes for the same request.
      const expected = await engine.service.handlers.runBacktest({ days: DAYS, initialUsdt: '1000' });
      expect(expected.usedDays).toBeGreaterThan(1000);
      expect(await page.getByTestId('bt-period').textContent()).toContain(`${expected.usedDays} of ${DAYS} days asked`);
      const rows = page.getByTestId('bt-comparison').locator('tbody tr');
      expect(await rows.locator('th').allTextContents()).toEqual(['Strategy', 'Buy and hold', 'Daily DCA']);
      const plans = [expected, expected.benchmarks.buyAndHold, expected.benchmarks.dailyDca];
      for (const [index, plan] of plans.entries()) {
        const cells = await rows.nth(index).locator('td').allTextContents();
        expect(cells[1]).toContain(formatSignedDecimal(plan.pnlUsdt, 2));
        expect(cells[2]).toContain(formatDecimal(plan.maxDrawdownPercent, 2));
        expect(cells[3]).toContain(plan.averageCostUsdt === null ? 'no buys' : formatDecimal(plan.averageCostUsdt, 4));
        expect(cells[4]).toContain(formatDecimal(plan.baseAccumulated, 2));
      }
      // Buy-and-hold spends everything on day one: it holds the most QRL.
      expect(Number(expected.benchmarks.buyAndHold.baseAccumulated)).toBeGreaterThan(Number(expected.baseAccumulated));
      // One chart, three lines, each named in the legend.
      const chart = page.getByTestId('equity-chart');
      await expect.poll(() => chart.locator('canvas').count()).toBeGreaterThan(0);
      expect(await page.getByRole('list', { name: 'Lines on the chart' }).locator('li').allTextContents()).toEqual(['Strategy', 'Buy and hold', 'Daily DCA']);
      expect(await page.getByTestId('bt-fill-model').textContent()).toMatch(/strictly below/);
      await page.getByTestId('backtest-result').scrollIntoViewIfNeeded();
      await lookAt(page, `backtest-comparison-${scheme}`, `backtest comparison (${scheme})`);
      expect(errors, errors.join('\n')).toEqual([]);
      await page.close();
    }, 180_000);

    it(`sweeps a grid into a heatmap, shows progress, and cancels on request (${scheme})`, async () => {
      const { page, errors } = await openBacktest(scheme);
      await page.getByLabel('Buy thresholds').fill(BIG_GRID.thresholds);
      await page.getByLabel('Price offsets').fill(BIG_GRID.offsets);
      await page.getByLabel('EMA periods').fill(BIG_GRID.pairs);
      await page.getByRole('button', { name: 'Run sweep' }).click();
      // Progress arrives as events, a cell at a time, and the heatmap fills in.
      const progressText = () => page.getByTestId('sweep-progress').textContent();
      await expect.poll(async () => Number(/(\d+) \/ 144 cells/.exec((await progressText()) ?? '')?.[1] ?? 0), { timeout: 90_000 }).toBeGreaterThanOrEqual(3);
      expect(await page.getByRole('button', { name: 'Run sweep' }).count()).toBe(0); // "Sweeping…", disabled
      // A second sweep while one runs is refused by the engine, with a typed error.
      const second = await dispatchCommand(engine.service.handlers, 'runBacktestSweep', { days: 60, initialUsdt: '1000', buyThresholds: [1.02], priceOffsets: [0.98], emaPeriods: [{ fast: 20, slow: 60 }] });
      expect(second).toEqual({ ok: false, error: { code: 'INVALID_STATE', message: SWEEP_ALREADY_RUNNING } });
      await lookAt(page, `backtest-sweep-progress-${scheme}`, `sweep in progress (${scheme})`);

      await page.getByRole('button', { name: 'Cancel sweep' }).click();
      await expect.poll(() => page.getByTestId('sweep-status').textContent(), { timeout: 30_000 }).toMatch(/^Canceled after \d+ of 144 cells\./);
      const kept = Number(/after (\d+) of/.exec((await page.getByTestId('sweep-status').textContent()) ?? '')![1]);
      expect(kept).toBeGreaterThanOrEqual(3);
      expect(kept).toBeLessThan(144);
      expect(await page.getByTestId('sweep-cell').count()).toBe(kept);
      // The worker is gone: nothing is left to cancel, and a new sweep is accepted.
      expect(await engine.service.handlers.cancelBacktestSweep(undefined)).toEqual({ canceled: false });

      await page.getByLabel('Buy thresholds').fill('1 1.02 1.05');
      await page.getByLabel('Price offsets').fill('0.97 0.98 0.99');
      await page.getByLabel('EMA periods').fill('20/60');
      // Three years this time: the days above are the sweep's too.
      await page.getByLabel('Days of daily candles').fill('1095');
      await page.getByRole('button', { name: 'Run sweep' }).click();
      await expect.poll(() => page.getByTestId('sweep-status').textContent(), { timeout: 90_000 }).toMatch(/^Done: 9 cells\. Period used: .* 1095 of 1095 days asked\./);
      expect(await page.getByTestId('sweep-cell').count()).toBe(9);
      // Nothing of the canceled sweep is left on the page: 9 cells, none pending.
      expect(await page.locator('table.heatmap td.pending').count()).toBe(0);
      await lookAt(page, `backtest-sweep-heatmap-${scheme}`, `sweep heatmap (${scheme})`);
      await page.getByLabel('Average cost').check();
      expect(await page.getByRole('table').filter({ hasText: 'average cost in USDT per QRL' }).count()).toBe(1);
      expect(errors, errors.join('\n')).toEqual([]);
      await page.close();
    }, 240_000);
  }
});
