import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BrokerFill } from '../trading/Broker';
import { Journal, type BrokerRef } from '../trading/Journal';
import type { OrderIntent } from '../trading/OrderIntent';
import { recordFills, unjournaledFills } from './recordFills';

const LIVE: BrokerRef = { kind: 'live', account: '0123456789abcdef' };
const intent: OrderIntent = { symbol: 'QRL/USDT', side: 'buy', type: 'limit', price: '0.1000', amount: '100', reason: 'test' };
const clock = { now: () => 1_764_000_000_000 };
const fill = (id: string, amount: string, clientOrderId: string | null = 'qtb-a'): BrokerFill => ({
  id,
  orderId: 'X1',
  clientOrderId,
  symbol: 'QRL/USDT',
  side: 'buy',
  price: '0.1000',
  amount,
  cost: '1',
  fee: { cost: '0', currency: 'QRL' },
  takerOrMaker: 'maker',
  timestamp: clock.now(),
});
let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'record-fills-'));
});
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

async function journalWithAcceptedBuy(): Promise<Journal> {
  const journal = await Journal.open(path.join(dir, 'journal.jsonl'), clock);
  await journal.recordIntent({ clientOrderId: 'qtb-a', intent, broker: LIVE });
  await journal.recordOutcome('qtb-a', { status: 'accepted', orderId: 'X1' });
  return journal;
}

describe('recordFills', () => {
  it('keeps a canceled order canceled when a fill it had before the cancel is journaled after it', async () => {
    const journal = await journalWithAcceptedBuy();
    await journal.recordOutcome('qtb-a', { status: 'canceled', orderId: 'X1' });
    await recordFills([fill('f1', '30')], 'live', { journal, market: null, raiseAlert: () => undefined });
    expect(journal.entry('qtb-a')!.status).toBe('canceled');
    expect(journal.fillsOf('qtb-a').map((f) => f.id)).toEqual(['f1']);
  });

  it('lists only the fills of the bot’s intents that the journal lacks, matched by order id when the fill has no client id', async () => {
    const journal = await journalWithAcceptedBuy();
    await recordFills([fill('f1', '30')], 'live', { journal, market: null, raiseAlert: () => undefined });
    const byHand = { ...fill('h1', '5', null), orderId: 'HAND' };
    expect(unjournaledFills([fill('f1', '30'), fill('f2', '20', null), byHand], journal).map((f) => f.id)).toEqual(['f2']);
  });
});
