import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { describeViolations, seriousAxeViolations } from './axeScan';

/** Fails the test with every serious or critical axe violation on the page, under `where`. */
export async function expectAxeClean(page: Page, where: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${where}:\n${describeViolations(violations)}`).toEqual([]);
}
