/**
 * A child process for kill -9 during a trade-file import: it opens the real
 * TradingEngine on the data folder and sends the file through the
 * importTrades command in `parts` parts, as the page does (argument: JSON
 * { simUrl, dataDir, text, parts, holdAt }). It prints PART <n> after each
 * part is taken and APPENDED after each write to the imported-fills file; at
 * the line named by `holdAt` it waits, so the parent's kill -9 lands exactly there.
 */
import { importTradesCommand } from '../../../main/core/bot/importTradesCommand';
import { TradeImportUploads } from '../../../main/core/bot/TradeImportUploads';
import { Logger } from '../../../main/core/logging/Logger';
import { AppendOnlyLog } from '../../../main/core/storage/AppendOnlyLog';
import { IMPORTED_FILLS_FILE } from '../../../main/core/trading/ImportedFills';
import { openPaperEngine } from '../../support/paperEngineOnSim';

const { simUrl, dataDir, text, parts, holdAt } = JSON.parse(process.argv[2]!) as { simUrl: string; dataDir: string; text: string; parts: number; holdAt: string | null };
const say = async (line: string) => {
  process.stdout.write(`${line}\n`);
  if (line === holdAt) await new Promise(() => undefined); // held here until the kill
};

const append = AppendOnlyLog.prototype.append;
AppendOnlyLog.prototype.append = async function (this: AppendOnlyLog<unknown>, ...args: Parameters<typeof append>) {
  await append.apply(this, args);
  if (this.file.endsWith(IMPORTED_FILLS_FILE)) await say('APPENDED');
};

const clock = { now: () => Date.now() };
const { engine, close } = await openPaperEngine(simUrl, dataDir, () => undefined);
const uploads = new TradeImportUploads(clock);
const size = Math.ceil(text.length / parts);
for (let part = 0; part < parts; part++) {
  const chunk = text.slice(part * size, (part + 1) * size);
  const result = await importTradesCommand({ uploadId: 'kill-test', part, parts, text: chunk }, { uploads, trading: engine, logger: new Logger(clock) });
  await say(`PART ${part} ${result.status}`);
}
close();
await say('DONE');
process.exit(0);
