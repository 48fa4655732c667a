import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientOrderIdFor } from './clientOrderId';
import { DuplicateClientOrderIdError, Journal, UnknownClientOrderIdError, type BrokerRef } from './Journal';
import type { OrderIntent } from './OrderIntent';

const PAPER: BrokerRef = { kind: 'paper' };
const LIVE: BrokerRef = { kind: 'live', account: '0123456789abcdef' };
const intent: OrderIntent = { symbol: 'QRL/USDT', side: 'buy', type: 'limit', price: '0.3979', amount: '125.63', reason: 'Close ≤ EMA60×1.02: buy' };
let now = 1_764_000_000_000;
const clock = { now: () => now };
let dir: string;
let file: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'journal-'));
  file = path.join(dir, 'orders.jsonl');
  now = 1_764_000_000_000;
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('Journal', () => {
  it('has the intent on disk before recordIntent resolves (flushed before the order is sent)', async () => {
    const journal = await Journal.open(file, clock);
    await journal.recordIntent({ clientOrderId: 'qtb-20261125-qrlusdt-b-001', intent, broker: PAPER });
    const onDisk = await fs.readFile(file, 'utf8');
    expect(onDisk).toContain('"kind":"intent"');
    expect(onDisk).toContain('qtb-20261125-qrlusdt-b-001');
  });

  it('lists an intent as unfinished until a settling outcome is recorded', async () => {
    const journal = await Journal.open(file, clock);
    await journal.recordIntent({ clientOrderId: 'a-1', intent, broker: PAPER });
    await journal.recordIntent({ clientOrderId: 'a-2', intent, broker: PAPER });
    await journal.recordIntent({ clientOrderId: 'a-3', intent, broker: PAPER });
    await journal.recordOutcome('a-1', { status: 'accepted', orderId: 'X1' });
    await journal.recordOutcome('a-2', { status: 'unknown', message: 'timeout after send' });
    expect(journal.unfinishedIntents().map((e) => e.clientOrderId)).toEqual(['a-2', 'a-3']);
    await journal.recordOutcome('a-2', { status: 'rejected', message: '30004 insufficient' });
    expect(journal.unfinishedIntents().map((e) => e.clientOrderId)).toEqual(['a-3']);
    expect(journal.entry('a-1')).toMatchObject({ status: 'accepted', orderId: 'X1', intent });
  });

  it('after a crash, a new instance lists the intent as unfinished and refuses its id a second time', async () => {
    const first = await Journal.open(file, clock);
    const id = clientOrderIdFor({ installId: 'k3x9a2mq', runDate: '20261125', sequence: first.nextSequence('k3x9a2mq') });
    await first.recordIntent({ clientOrderId: id, intent, broker: LIVE });
    // crash here: the order may or may not have reached the exchange
    const restarted = await Journal.open(file, clock);
    expect(restarted.unfinishedIntents().map((e) => [e.clientOrderId, e.broker])).toEqual([[id, LIVE]]);
    expect(restarted.nextSequence('k3x9a2mq')).toBe(2);
    await expect(restarted.recordIntent({ clientOrderId: id, intent, broker: LIVE })).rejects.toBeInstanceOf(DuplicateClientOrderIdError);
  });

  it('numbers ids above every intent ever journaled, in any state, and above ids legible in damaged lines', async () => {
    const journal = await Journal.open(file, clock);
    const idAt = (sequence: number) => clientOrderIdFor({ installId: 'k3x9a2mq', runDate: '20261125', sequence });
    await journal.recordIntent({ clientOrderId: idAt(1), intent, broker: LIVE });
    await journal.recordOutcome(idAt(1), { status: 'rejected', message: 'refused' });
    await journal.recordIntent({ clientOrderId: idAt(2), intent, broker: LIVE });
    await journal.recordOutcome(idAt(2), { status: 'unknown', message: 'timeout' });
    await journal.recordIntent({ clientOrderId: idAt(3), intent, broker: LIVE });
    expect(journal.nextSequence('k3x9a2mq')).toBe(4);
    // another install's ids do not count against this one
    expect(journal.nextSequence('zzzzzzzz')).toBe(1);
    // bit rot in the third intent's line: its id is still legible, so it is never reused
    const lines = (await fs.readFile(file, 'utf8')).split('\n');
    lines[4] = lines[4]!.replace('"limit"', '"limjt"');
    await fs.writeFile(file, lines.join('\n'));
    const reopened = await Journal.open(file, clock);
    expect(reopened.entry(idAt(3))).toBeUndefined();
    expect(reopened.nextSequence('k3x9a2mq')).toBe(4);
  });

  it('finds an intent by the broker order id it became, live and after a restart; none for an order it never placed', async () => {
    const journal = await Journal.open(file, clock);
    await journal.recordIntent({ clientOrderId: 'c-1', intent, broker: LIVE });
    expect(journal.entryForOrder('X5')).toBeUndefined();
    await journal.recordOutcome('c-1', { status: 'unknown', message: 'timeout after send' });
    await journal.recordOutcome('c-1', { status: 'accepted', orderId: 'X5' });
    expect(journal.entryForOrder('X5')?.clientOrderId).toBe('c-1');
    expect((await Journal.open(file, clock)).entryForOrder('X5')?.clientOrderId).toBe('c-1');
    expect(journal.entryForOrder('X6')).toBeUndefined();
  });

  it('keeps outcomes with their fills across a restart', async () => {
    const journal = await Journal.open(file, clock);
    await journal.recordIntent({ clientOrderId: 'b-1', intent, broker: PAPER });
    now += 5000;
    const fills = [{ id: 'f1', price: '0.3979', amount: '125.63', fee: '0.12563', feeCurrency: 'QRL', timestamp: now }];
    await journal.recordOutcome('b-1', { status: 'filled', orderId: 'X9', fills });
    const reopened = await Journal.open(file, clock);
    expect(reopened.entry('b-1')).toEqual({
      clientOrderId: 'b-1',
      intent,
      broker: PAPER,
      time: 1_764_000_000_000,
      outcomes: [{ time: 1_764_000_005_000, status: 'filled', orderId: 'X9', fills }],
      status: 'filled',
      orderId: 'X9',
    });
  });

  it('survives a truncated last line and a corrupt middle line without losing confirmed records', async () => {
    const journal = await Journal.open(file, clock);
    await journal.recordIntent({ clientOrderId: 'c-1', intent, broker: PAPER });
    await journal.recordOutcome('c-1', { status: 'filled', orderId: 'X1' });
    await journal.recordIntent({ clientOrderId: 'c-2', intent, broker: PAPER });
    await journal.recordIntent({ clientOrderId: 'c-3', intent, broker: PAPER });
    await journal.recordOutcome('c-3', { status: 'accepted', orderId: 'X3' });
    const lines = (await fs.readFile(file, 'utf8')).split('\n');
    lines[1] = lines[1]!.replace('"filled"', '"fil1ed"'); // bit rot in line 2: c-1's outcome
    const damaged = lines.join('\n');
    await fs.writeFile(file, damaged.slice(0, damaged.length - 20)); // and a crash cut the last line (c-3's outcome)

    const reopened = await Journal.open(file, clock);
    expect(reopened.problems.map((p) => [p.kind, p.line])).toEqual([
      ['corrupt-line', 2],
      ['truncated-tail', 5],
    ]);
    // every intent confirmed before the damage is still there; the lost outcomes make them unfinished, to be reconciled
    expect(reopened.entries().map((e) => e.clientOrderId)).toEqual(['c-1', 'c-2', 'c-3']);
    expect(reopened.unfinishedIntents().map((e) => e.clientOrderId)).toEqual(['c-1', 'c-2', 'c-3']);
    // and the journal keeps working
    await reopened.recordOutcome('c-2', { status: 'canceled' });
    const again = await Journal.open(file, clock);
    expect(again.entry('c-2')!.status).toBe('canceled');
    expect(again.problems.map((p) => p.kind)).toEqual(['corrupt-line']);
  });

  it('refuses an outcome for an id it never saw, and ids the exchange would refuse', async () => {
    const journal = await Journal.open(file, clock);
    await expect(journal.recordOutcome('nope', { status: 'filled' })).rejects.toBeInstanceOf(UnknownClientOrderIdError);
    await expect(journal.recordIntent({ clientOrderId: 'has space', intent, broker: PAPER })).rejects.toThrow(RangeError);
    await expect(journal.recordIntent({ clientOrderId: 'x'.repeat(33), intent, broker: PAPER })).rejects.toThrow(RangeError);
  });

  it('refuses the same id twice even when both calls race', async () => {
    const journal = await Journal.open(file, clock);
    const results = await Promise.allSettled([journal.recordIntent({ clientOrderId: 'd-1', intent, broker: PAPER }), journal.recordIntent({ clientOrderId: 'd-1', intent, broker: PAPER })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await Journal.open(file, clock)).entries()).toHaveLength(1);
  });

  it('counts the orders sent since a time, leaving out the ones the exchange rejected', async () => {
    const journal = await Journal.open(file, clock);
    await journal.recordIntent({ clientOrderId: 'old', intent, broker: PAPER });
    now += 10_000;
    await journal.recordIntent({ clientOrderId: 'e-1', intent, broker: PAPER });
    await journal.recordIntent({ clientOrderId: 'e-2', intent, broker: PAPER });
    await journal.recordOutcome('e-2', { status: 'rejected' });
    await journal.recordIntent({ clientOrderId: 'e-3', intent, broker: PAPER });
    await journal.recordIntent({ clientOrderId: 'e-4', intent, broker: LIVE });
    expect(journal.ordersPlacedSince(now, PAPER)).toBe(2);
    expect(journal.ordersPlacedSince(now, LIVE)).toBe(1);
  });
});
