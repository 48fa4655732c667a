import { existsSync, mkdtempSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from '../../shared/decimal';
import { importTradesCommand } from '../../main/core/bot/importTradesCommand';
import { TradeImportUploads } from '../../main/core/bot/TradeImportUploads';
import { Logger } from '../../main/core/logging/Logger';
import { duplicateKey, IMPORTED_FILLS_FILE, ImportedFills } from '../../main/core/trading/ImportedFills';
import { startMexcSim, type MexcSim } from '../mexc-sim/index';
import { bundleTestScript } from '../support/bundleTestScript';
import { openPaperEngine } from '../support/paperEngineOnSim';
import { runUntilMarker } from '../support/runUntilMarker';

const RUNS = Number(process.env.TRADE_IMPORT_KILL_RUNS ?? 5);
/** fixed, so `npm test` is reproducible; TRADE_IMPORT_KILL_SEED picks another */
const SEED = Number(process.env.TRADE_IMPORT_KILL_SEED ?? 17);
const HOUR = 3_600_000;
const PARTS = 3;
const clock = { now: () => Date.now() };

/** The original bot's CSV: one buy an hour, with these prices (in 1/10000) and amounts (in 1/100). */
function originalBotFile(rows: readonly { price: number; amount: number }[]): { text: string; keys: string[] } {
  const start = Date.UTC(2026, 0, 1);
  const lines = ['time,action,symbol,price,amount,cost,strategy'];
  const keys: string[] = [];
  rows.forEach(({ price, amount }, index) => {
    const time = start + index * HOUR;
    const p = Decimal.from(price).div(10_000, 4, 'down');
    const a = Decimal.from(amount).div(100, 2, 'down');
    lines.push(`${new Date(time).toISOString().replace('Z', '')},BUY,QRL/USDT,${p.toString()},${a.toString()},${p.mul(a).toString()},ema`);
    keys.push(duplicateKey({ timestamp: time, side: 'buy', price: p.toString(), amount: a.toString() }));
  });
  return { text: lines.join('\r\n') + '\r\n', keys };
}

type Kill = { at: 'part'; part: number } | { at: 'saved' } | { at: 'torn'; keep: number };

/**
 * Probe: kill -9 in the middle of a trade-file import, while its parts arrive,
 * right after the save, or during the save's write (the kill leaves a prefix
 * of it on disk). After the restart the import is all there or not there at
 * all, and importing the file again is idempotent: the rest comes in once.
 */
describe('kill -9 in the middle of a trade-history import', () => {
  let sim: MexcSim;
  let worker: string;
  const stats: Record<string, number> = {};
  beforeAll(async () => {
    sim = await startMexcSim({ useRealClock: true, startTime: Date.now(), enforceRateLimit: false });
    worker = await bundleTestScript('test/chaos/support/tradeImportWorker.ts');
  });
  afterAll(() => sim?.close());

  it(`each kill point, then ${RUNS} random files killed at a random point: all or nothing kept, and a re-import adds exactly the rest, once`, { timeout: 600_000 }, async () => {
    const kill: fc.Arbitrary<Kill> = fc.oneof(
      fc.integer({ min: 0, max: PARTS - 2 }).map((part) => ({ at: 'part' as const, part })),
      fc.constant({ at: 'saved' as const }),
      fc.double({ min: 0.01, max: 0.99, noNaN: true }).map((keep) => ({ at: 'torn' as const, keep })),
    );
    const property = fc.asyncProperty(fc.array(fc.record({ price: fc.integer({ min: 1, max: 99_999 }), amount: fc.integer({ min: 1, max: 100_000 }) }), { minLength: 2, maxLength: 40 }), kill, async (rows, killAt) => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'qtb-importkill-'));
      const file = path.join(dataDir, IMPORTED_FILLS_FILE);
      try {
        const { text, keys } = originalBotFile(rows);
        const marker = killAt.at === 'part' ? `PART ${killAt.part} receiving` : 'APPENDED';
        const child = await runUntilMarker(worker, [JSON.stringify({ simUrl: sim.url, dataDir, text, parts: PARTS, holdAt: marker })], marker);
        expect(child.killed, child.lines.join(' | ')).toBe(true);
        stats[killAt.at] = (stats[killAt.at] ?? 0) + 1;
        if (killAt.at === 'torn') {
          // What a kill during the write leaves: the write's first bytes on disk, its end lost.
          const content = readFileSync(file, 'utf8');
          const lastLine = content.slice(0, -1).lastIndexOf('\n') + 1;
          truncateSync(file, Buffer.byteLength(content.slice(0, lastLine + Math.floor((content.length - 1 - lastLine) * killAt.keep))));
        }

        // The restart.
        const restarted = await openPaperEngine(sim.url, dataDir, () => undefined);
        try {
          const kept = restarted.engine.importedCount;
          const expected = killAt.at === 'saved' ? keys.length : 0;
          expect(kept, `after a kill at ${JSON.stringify(killAt)}: ${kept} of ${keys.length} trades kept`).toBe(expected);
          const uploads = new TradeImportUploads(clock);
          const logger = new Logger(clock);
          const again = await importTradesCommand({ uploadId: 'reimport-1', part: 0, parts: 1, text }, { uploads, trading: restarted.engine, logger });
          expect(again).toMatchObject({ status: 'imported', rows: keys.length, imported: keys.length - kept, duplicates: kept });
          const third = await importTradesCommand({ uploadId: 'reimport-2', part: 0, parts: 1, text }, { uploads, trading: restarted.engine, logger });
          expect(third).toMatchObject({ status: 'imported', imported: 0, duplicates: keys.length });
        } finally {
          restarted.close();
        }
        // On disk, as a fresh start reads it: every row of the file once, nothing else.
        const store = await ImportedFills.open(file, clock);
        expect(store.fills().map(duplicateKey).sort()).toEqual([...keys].sort());
        expect(existsSync(file)).toBe(true);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
    // On failure fast-check prints the seed and the shrunk counterexample (the rows and where the kill landed).
    // Each kill point at least once, whatever the seed draws; then random ones.
    const twoRows = [
      { price: 1234, amount: 5678 },
      { price: 4321, amount: 8765 },
    ];
    const examples: [typeof twoRows, Kill][] = [
      [twoRows, { at: 'part', part: 0 }],
      [twoRows, { at: 'saved' }],
      [twoRows, { at: 'torn', keep: 0.5 }],
    ];
    await fc.assert(property, { numRuns: RUNS + examples.length, seed: SEED, examples, verbose: 1 });
    console.log(`trade import kill -9: ${Object.values(stats).reduce((a, b) => a + b, 0)} runs, kills ${JSON.stringify(stats)}`);
  });
});
