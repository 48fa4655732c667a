/**
 * A child process for the kill -9 between the paper wallet's fill save and
 * the journal write: it opens the real TradingEngine on the data folder and
 * feeds it one market view per pass (argument: JSON { simUrl, dataDir, views,
 * holdAt }). After the `holdAt`-th pass that fills, once the wallet file has
 * the fills and before they are journaled, it prints FILL_SAVED and waits, so
 * the parent's kill -9 lands exactly there. Each fill alert is printed
 * (ALERT <dedupeKey>) and each pass done (PASS <n>).
 */
import type { MarketView } from '../../../main/core/trading/PaperBroker';
import { PaperBroker } from '../../../main/core/trading/PaperBroker';
import { openPaperEngine } from '../../support/paperEngineOnSim';

const { simUrl, dataDir, views, holdAt } = JSON.parse(process.argv[2]!) as { simUrl: string; dataDir: string; views: MarketView[]; holdAt: number };
const say = (line: string) => process.stdout.write(`${line}\n`);

let filledPasses = 0;
const onMarket = PaperBroker.prototype.onMarket;
PaperBroker.prototype.onMarket = async function (this: PaperBroker, ...args: Parameters<typeof onMarket>) {
  const fills = await onMarket.apply(this, args);
  if (fills.length > 0 && ++filledPasses === holdAt) {
    say(`FILL_SAVED ${fills.map((f) => f.id).join(',')}`);
    await new Promise(() => undefined); // held here until the kill
  }
  return fills;
};

const { engine, close } = await openPaperEngine(simUrl, dataDir, (alert) => {
  if (alert.kind === 'fill') say(`ALERT ${alert.dedupeKey}`);
});
say('READY');
for (const [index, view] of views.entries()) {
  await engine.onMarket(view);
  say(`PASS ${index + 1}`);
}
close();
say('DONE');
process.exit(0);
