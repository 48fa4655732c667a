/**
 * Development aid, not a test: serves the built renderer against the FAKE
 * engine and saves a screenshot of every view for a look.
 *   npx vite build && npx tsx test/e2e/renderer/lookAtViews.ts [light|dark] [empty|outage]
 */
import path from 'node:path';
import { startWebHost } from '../../../main/web/WebHost';
import { FakeEngine } from '../../support/fakeEngine';
import { launchChromium } from '../../support/launchChromium';
import { describeViolations, seriousAxeViolations } from './axeScan';

const scheme = (process.argv[2] ?? 'light') as 'light' | 'dark';
const variant = process.argv[3];
const engine = new FakeEngine({ empty: variant === 'empty', outage: variant === 'outage' });
const host = await startWebHost({ service: engine, staticDir: path.resolve('dist/renderer') });
const browser = await launchChromium();
const width = Number(process.env.LOOK_WIDTH ?? 1440);
const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
page.on('console', (message) => console.log('console:', message.type(), message.text()));
page.on('pageerror', (error) => console.log('pageerror:', error.message));
await page.goto(host.url);
const suffix = `${scheme}${variant ? '-' + variant : ''}${width === 1440 ? '' : '-' + width}`;
for (const view of ['Dashboard', 'Orders', 'Alerts', 'History', 'Backtest', 'Settings']) {
  await page.getByRole('tab', { name: view }).click();
  if (view === 'Backtest') {
    await page.getByRole('button', { name: 'Run backtest' }).click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `test-results/screenshots/look-backtest-progress-${suffix}.png` });
    await page.getByTestId('backtest-result').waitFor({ timeout: 10_000 });
  }
  await page.waitForTimeout(500);
  const violations = await seriousAxeViolations(page);
  if (violations.length) console.log(`axe ${view}:\n${describeViolations(violations)}`);
  await page.screenshot({ path: `test-results/screenshots/look-${view.toLowerCase()}-${suffix}.png`, fullPage: true });
}
// LIVE: keys first, then the typed confirmation.
await page.getByRole('textbox', { name: 'API key', exact: true }).fill('mx0vglLookKey12345');
await page.getByLabel('Secret').fill('lookSecret_1234567890ab');
await page.getByRole('button', { name: 'Save keys' }).click();
await page.getByRole('button', { name: 'Test connection' }).click();
await page.getByLabel(/to switch to live trading/).fill('LIVE');
await page.getByRole('button', { name: 'Switch to live trading' }).click();
await page.getByTestId('live-banner').waitFor();
await page.screenshot({ path: `test-results/screenshots/look-settings-live-${suffix}.png`, fullPage: true });
await page.getByRole('tab', { name: 'Dashboard' }).click();
await page.waitForTimeout(500);
await page.screenshot({ path: `test-results/screenshots/look-dashboard-live-${suffix}.png`, fullPage: true });
const liveViolations = await seriousAxeViolations(page);
if (liveViolations.length) console.log(`axe live dashboard:\n${describeViolations(liveViolations)}`);
// The engine goes away: every badge must turn to Offline.
await host.close();
await page.getByText('Disconnected: retrying').waitFor();
await page.screenshot({ path: `test-results/screenshots/look-dashboard-offline-${suffix}.png`, fullPage: true });
await browser.close();
