/**
 * A child process that places live orders the way the engine does (journal,
 * send, outcome; reconcile first on start), announcing each step on stdout so
 * the parent can kill -9 it at a chosen point. Args: simUrl dataDir apiKey secret firstId count [reconcileAfterMs]:
 * the last one reconciles as a start that late would (past the arrival window of a dead process's requests).
 */
import path from 'node:path';
import { MemoryCache } from '../../../main/core/cache/MemoryCache';
import { MexcClient } from '../../../main/core/exchange/MexcClient';
import { createMexcExchange } from '../../../main/core/exchange/SpotOnlyMexc';
import { LiveBroker } from '../../../main/core/bot/LiveBroker';
import { Journal } from '../../../main/core/trading/Journal';
import { marketInfoFromCcxt } from '../../../main/core/trading/MarketInfo';
import { reconcileOpenIntents } from '../../../main/core/trading/reconcileOpenIntents';
import { defaultSettings } from '../../../shared/settings';

const [simUrl, dataDir, apiKey, secret, firstId, count, reconcileAfterMs = '0'] = process.argv.slice(2) as [string, string, string, string, string, string, string?];
const LIVE = { kind: 'live' as const, account: '00000000c0ffee00' };
const say = (line: string) => process.stdout.write(`${line}\n`);
const clock = { now: () => Date.now() };
const client = new MexcClient({
  exchange: createMexcExchange({ baseUrl: simUrl, apiKey, secret, timeoutMs: 2_000 }),
  cache: new MemoryCache(clock),
  ttls: defaultSettings().cacheTtl,
  clock,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});
const market = marketInfoFromCcxt((await client.market('QRL/USDT'))!);
const broker = new LiveBroker(client, market);
const journal = await Journal.open(path.join(dataDir, 'journal.jsonl'), clock);
const report = await reconcileOpenIntents(journal, async () => ({ broker }), clock.now() + Number(reconcileAfterMs));
say(`RECONCILED ${report.settled.length} ${report.pending.length}`);
for (let i = Number(firstId); i < Number(firstId) + Number(count); i++) {
  const clientOrderId = `qtb-kill-${String(i).padStart(4, '0')}`;
  if (journal.entry(clientOrderId)) continue;
  const order = { symbol: 'QRL/USDT', side: 'buy' as const, type: 'limit' as const, price: i % 3 === 0 ? '0.9000' : '0.1000', amount: '20', reason: 'kill test' };
  say(`BEFORE_JOURNAL ${clientOrderId}`);
  await journal.recordIntent({ clientOrderId, intent: order, broker: LIVE });
  say(`JOURNALED ${clientOrderId}`);
  try {
    const placed = await broker.placeOrder({ ...order, clientOrderId });
    say(`ACCEPTED ${clientOrderId}`);
    await journal.recordOutcome(clientOrderId, { status: placed.status === 'closed' ? 'filled' : 'accepted', orderId: placed.id });
    say(`${placed.status === 'closed' ? 'FILLED' : 'RECORDED'} ${clientOrderId}`);
  } catch (error) {
    await journal.recordOutcome(clientOrderId, { status: 'unknown', message: (error as Error).message });
    say(`UNKNOWN ${clientOrderId}`);
  }
}
say('DONE');
