/**
 * The engine in a child process, for a real kill -9 in the money-path model
 * test: it starts on the same data folder, goes live if asked, starts the bot
 * and runs the strategy once, printing a marker at each step of the money
 * path so the parent can kill it at a chosen one. Its clock starts at the
 * parent's virtual time (passed in) and runs on real time from there.
 * Argument: JSON { simUrl, dataDir, apiKey, secret, startAt, live }.
 */
import { BotService } from '../../main/core/bot/BotService';
import { LiveBroker } from '../../main/core/bot/LiveBroker';
import type { Broker } from '../../main/core/trading/Broker';
import { Journal } from '../../main/core/trading/Journal';
import { PaperBroker } from '../../main/core/trading/PaperBroker';
import { MemorySecretEntry } from './MemorySecretEntry';
import { MemorySecretStore } from './MemorySecretStore';

const { simUrl, dataDir, apiKey, secret, startAt, live } = JSON.parse(process.argv[2]!) as {
  simUrl: string;
  dataDir: string;
  apiKey: string;
  secret: string;
  startAt: number;
  live: boolean;
};
const say = (line: string) => process.stdout.write(`${line}\n`);

// Markers on the money path, printed once each step is done (or, for SENDING, just before the order leaves).
const recordIntent = Journal.prototype.recordIntent;
Journal.prototype.recordIntent = async function (this: Journal, ...args: Parameters<typeof recordIntent>) {
  await recordIntent.apply(this, args);
  say(`INTENT ${args[0].clientOrderId}`);
};
const recordOutcome = Journal.prototype.recordOutcome;
Journal.prototype.recordOutcome = async function (this: Journal, ...args: Parameters<typeof recordOutcome>) {
  await recordOutcome.apply(this, args);
  say(`OUTCOME ${args[0]} ${args[1].status}`);
};
for (const prototype of [LiveBroker.prototype, PaperBroker.prototype] as Broker[]) {
  const placeOrder = prototype.placeOrder;
  prototype.placeOrder = async function (this: Broker, ...args: Parameters<Broker['placeOrder']>) {
    say(`SENDING ${args[0].clientOrderId}`);
    return placeOrder.apply(this, args);
  };
}

const offset = startAt - Date.now();
const secretStore = new MemorySecretStore();
await secretStore.save({ apiKey, secret });
const service = new BotService({
  secretStore,
  redisPassword: new MemorySecretEntry(),
  dataDir,
  env: {},
  exchangeBaseUrl: simUrl,
  exchangeStreamUrl: null,
  clock: { now: () => Date.now() + offset },
  // backoffs stay short: the parent waits on this process
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 20))),
});
await service.init();
say('READY');
if (live) await service.handlers.setMode({ mode: 'live', confirmation: 'LIVE', openOrders: 'keep' }).catch(() => say('MODE_REFUSED'));
await service.handlers.startBot(undefined);
await service.handlers.runNow(undefined).then(
  (decision) => say(`DECIDED ${decision.action}`),
  () => say('RUN_FAILED'),
);
say('DONE');
await service.close();
process.exit(0);
