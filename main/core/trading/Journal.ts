import { z } from 'zod';
import { DecimalStringSchema } from '../../../shared/decimal';
import type { Clock } from '../clock';
import { AppendOnlyLog, type LogProblem } from '../storage/AppendOnlyLog';
import { CLIENT_ORDER_ID_PATTERN, highestSequenceIn, ownIdsIn } from './clientOrderId';
import type { OrderIntent } from './OrderIntent';

/**
 * The order journal: append-only, fsync'd, one line per fact.
 * 1. `recordIntent` writes the intent with its deterministic clientOrderId and
 *    resolves only once it is on disk — the order is sent after that, never before;
 * 2. `recordOutcome` writes what the exchange (or the paper broker) said.
 * After a crash, `unfinishedIntents()` lists every intent whose fate is not
 * known; the engine reconciles each one by clientOrderId
 * (fetchOrderByClientId) before placing anything new, so a crash never
 * duplicates an order or loses a fill (the original tracked none of this:
 * defects 2 and 3 of the original bot, 7Spade/qrl).
 */

export const outcomeStatuses = ['accepted', 'rejected', 'filled', 'canceled', 'unknown'] as const;
export type OutcomeStatus = (typeof outcomeStatuses)[number];
/** An intent whose order may still be open at its broker: not yet answered, unknown, or accepted and not ended. */
export const mayStillBeOpen = (entry: { status: OutcomeStatus | null }): boolean => entry.status === null || entry.status === 'unknown' || entry.status === 'accepted';

/** Outcomes that settle whether the order exists; 'unknown' (a timeout, a 5xx) does not. */
export const SETTLED_STATUSES: ReadonlySet<OutcomeStatus> = new Set(['accepted', 'rejected', 'filled', 'canceled']);

const JournalFillSchema = z.object({
  id: z.string(),
  price: DecimalStringSchema,
  amount: DecimalStringSchema,
  fee: DecimalStringSchema.optional(),
  feeCurrency: z.string().optional(),
  timestamp: z.number().int().nonnegative(),
});
export type JournalFill = z.infer<typeof JournalFillSchema>;

const IntentSchema = z.object({
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  type: z.literal('limit'),
  price: DecimalStringSchema,
  amount: DecimalStringSchema,
  reason: z.string(),
});

const CLIENT_ORDER_ID = CLIENT_ORDER_ID_PATTERN;

/**
 * Where an intent was sent: the paper wallet, or MEXC under one account (a
 * fingerprint of the API key, never the key). Reconciliation asks that broker,
 * whatever mode the app is in now.
 */
export const BrokerRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paper') }),
  z.object({ kind: z.literal('live'), account: z.string().regex(/^[0-9a-f]{8,64}$/) }),
]);
export type BrokerRef = z.infer<typeof BrokerRefSchema>;

export const sameBroker = (a: BrokerRef | null, b: BrokerRef | null): boolean =>
  a !== null && b !== null && a.kind === b.kind && (a.kind === 'paper' || (b.kind === 'live' && a.account === b.account));

const JournalRecordSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('intent'),
    time: z.number().int().nonnegative(),
    clientOrderId: z.string().regex(CLIENT_ORDER_ID),
    intent: IntentSchema,
    /** absent on lines written before intents knew their broker */
    broker: BrokerRefSchema.optional(),
  }),
  /** the paper wallet (re)started with these balances: what a damaged wallet file is rebuilt from */
  z.object({ kind: z.literal('paper-wallet'), time: z.number().int().nonnegative(), balances: z.record(z.string(), DecimalStringSchema), reason: z.string() }),
  z.object({
    kind: z.literal('outcome'),
    time: z.number().int().nonnegative(),
    clientOrderId: z.string().regex(CLIENT_ORDER_ID),
    status: z.enum(outcomeStatuses),
    orderId: z.string().optional(),
    fills: z.array(JournalFillSchema).optional(),
    message: z.string().optional(),
  }),
]);
export type JournalRecord = z.infer<typeof JournalRecordSchema>;

export interface JournalOutcome {
  status: OutcomeStatus;
  orderId?: string;
  fills?: JournalFill[];
  message?: string;
}

export interface JournalEntry {
  clientOrderId: string;
  intent: OrderIntent;
  /** where it was sent; null for lines written before intents knew their broker */
  broker: BrokerRef | null;
  /** when the intent was written */
  time: number;
  /** every outcome recorded for it, oldest first */
  outcomes: (JournalOutcome & { time: number })[];
  /** the newest outcome's status, null while none is recorded */
  status: OutcomeStatus | null;
  orderId: string | null;
}

export class DuplicateClientOrderIdError extends Error {
  readonly code = 'DUPLICATE_CLIENT_ORDER_ID';
  constructor(readonly clientOrderId: string) {
    super(`${clientOrderId} is already in the journal: reconcile it with the exchange instead of sending it again.`);
    this.name = 'DuplicateClientOrderIdError';
  }
}

export class UnknownClientOrderIdError extends Error {
  readonly code = 'UNKNOWN_CLIENT_ORDER_ID';
  constructor(readonly clientOrderId: string) {
    super(`${clientOrderId} has no intent in the journal: an outcome needs its intent first.`);
    this.name = 'UnknownClientOrderIdError';
  }
}

export interface PaperWalletStart {
  time: number;
  balances: Record<string, string>;
  reason: string;
}

export class Journal {
  private readonly entriesById = new Map<string, JournalEntry>();
  /** by the broker's order id, the first intent journaled with it: a fill without a client order id finds its intent here */
  private readonly entriesByOrderId = new Map<string, JournalEntry>();
  private readonly walletStarts: PaperWalletStart[] = [];
  private problemsOnOpen: LogProblem[] = [];

  private constructor(
    private readonly log: AppendOnlyLog<JournalRecord>,
    private readonly clock: Clock,
  ) {}

  /** Opens (or creates) the journal file and replays it. */
  static async open(file: string, clock: Clock): Promise<Journal> {
    const log = new AppendOnlyLog<JournalRecord>({ file, clock, parse: (data) => JournalRecordSchema.parse(data) });
    const journal = new Journal(log, clock);
    const { records, problems } = await log.open();
    journal.problemsOnOpen = problems;
    for (const record of records) journal.apply(record);
    return journal;
  }

  /** damaged lines found when the journal was opened, for the log and the user */
  get problems(): readonly LogProblem[] {
    return this.problemsOnOpen;
  }

  /** Writes the intent and resolves once it is fsync'd: only then may the order be sent. */
  async recordIntent({ clientOrderId, intent, broker }: { clientOrderId: string; intent: OrderIntent; broker: BrokerRef }): Promise<void> {
    if (!CLIENT_ORDER_ID.test(clientOrderId)) throw new RangeError(`clientOrderId must be 1-32 characters of [A-Za-z0-9_-], got "${clientOrderId}"`);
    if (this.entriesById.has(clientOrderId)) throw new DuplicateClientOrderIdError(clientOrderId);
    const record: JournalRecord = { kind: 'intent', time: this.clock.now(), clientOrderId, intent: IntentSchema.parse(intent), broker: BrokerRefSchema.parse(broker) };
    // Claim the id before the write, so two concurrent calls cannot both pass the check.
    this.apply(record);
    try {
      await this.log.append(record);
    } catch (error) {
      this.entriesById.delete(clientOrderId);
      throw error;
    }
  }

  async recordOutcome(clientOrderId: string, outcome: JournalOutcome): Promise<void> {
    if (!this.entriesById.has(clientOrderId)) throw new UnknownClientOrderIdError(clientOrderId);
    const record: JournalRecord = {
      kind: 'outcome',
      time: this.clock.now(),
      clientOrderId,
      status: outcome.status,
      ...(outcome.orderId !== undefined ? { orderId: outcome.orderId } : {}),
      ...(outcome.fills !== undefined ? { fills: outcome.fills } : {}),
      ...(outcome.message !== undefined ? { message: outcome.message } : {}),
    };
    await this.log.append(JournalRecordSchema.parse(record));
    this.apply(record);
  }

  /** The paper wallet (re)started: journaled so a damaged wallet file can be rebuilt from here on. */
  async recordPaperWalletStart(balances: Record<string, string>, reason: string): Promise<void> {
    const record: JournalRecord = { kind: 'paper-wallet', time: this.clock.now(), balances, reason };
    await this.log.append(JournalRecordSchema.parse(record));
    this.apply(record);
  }

  /** every start or reset of the paper wallet, oldest first */
  paperWalletStarts(): readonly PaperWalletStart[] {
    return this.walletStarts;
  }

  /**
   * The next sequence for this install's client order ids: above every id in
   * the journal, in any state, and above any id still legible in a damaged
   * line, so no id is ever sent twice.
   */
  nextSequence(installId: string): number {
    const known = this.entries().map((entry) => entry.clientOrderId).join(' ');
    const damaged = this.problemsOnOpen.map((problem) => problem.text).join(' ');
    return highestSequenceIn(`${known} ${damaged}`, installId) + 1;
  }

  /**
   * This install's client order ids still legible in damaged lines but with no
   * entry: intents whose line was lost. The engine asks the brokers about each
   * and journals what they know, so a damaged line loses no order.
   */
  lostIds(installId: string): string[] {
    const ids = new Set<string>();
    for (const problem of this.problemsOnOpen) {
      for (const id of ownIdsIn(problem.text, installId)) if (!this.entriesById.has(id)) ids.add(id);
    }
    return [...ids];
  }

  /** every fill recorded for an intent, once each (outcomes may repeat a fill) */
  fillsOf(clientOrderId: string): JournalFill[] {
    const byId = new Map<string, JournalFill>();
    for (const outcome of this.entriesById.get(clientOrderId)?.outcomes ?? []) for (const fill of outcome.fills ?? []) byId.set(fill.id, fill);
    return [...byId.values()];
  }

  /** intents whose fate is not settled: no outcome yet, or only 'unknown'. Oldest first. */
  unfinishedIntents(): JournalEntry[] {
    return this.entries().filter((entry) => entry.status === null || !SETTLED_STATUSES.has(entry.status));
  }

  entry(clientOrderId: string): JournalEntry | undefined {
    return this.entriesById.get(clientOrderId);
  }

  /** the intent that became this broker order (the first, should two ever share an id) */
  entryForOrder(orderId: string): JournalEntry | undefined {
    return this.entriesByOrderId.get(orderId);
  }

  /** every intent with its outcomes, oldest first */
  entries(): JournalEntry[] {
    return [...this.entriesById.values()];
  }

  /** orders sent to that broker (intents not rejected) since `since` ms: the max-orders-per-day count */
  ordersPlacedSince(since: number, broker: BrokerRef): number {
    return this.entries().filter((entry) => entry.time >= since && entry.status !== 'rejected' && sameBroker(entry.broker, broker)).length;
  }

  private apply(record: JournalRecord): void {
    if (record.kind === 'paper-wallet') {
      this.walletStarts.push({ time: record.time, balances: record.balances, reason: record.reason });
      return;
    }
    if (record.kind === 'intent') {
      if (this.entriesById.has(record.clientOrderId)) return; // a replayed duplicate line changes nothing
      this.entriesById.set(record.clientOrderId, { clientOrderId: record.clientOrderId, intent: record.intent, broker: record.broker ?? null, time: record.time, outcomes: [], status: null, orderId: null });
      return;
    }
    const entry = this.entriesById.get(record.clientOrderId);
    if (!entry) return; // an outcome whose intent line was damaged: nothing to attach it to
    const { kind: _kind, clientOrderId: _id, ...outcome } = record;
    entry.outcomes.push(outcome);
    entry.status = record.status;
    if (record.orderId !== undefined) entry.orderId = record.orderId;
    if (record.orderId && !this.entriesByOrderId.has(record.orderId)) this.entriesByOrderId.set(record.orderId, entry);
  }
}
