import { z } from 'zod';
import type { Clock } from '../clock';
import { AppendOnlyLog, type LogProblem } from '../storage/AppendOnlyLog';
import { localDateStamp, systemUtcOffset, type UtcOffset } from './localDay';
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
 * qrl-bot.md defects 2 and 3).
 */

export const outcomeStatuses = ['accepted', 'rejected', 'filled', 'canceled', 'unknown'] as const;
export type OutcomeStatus = (typeof outcomeStatuses)[number];
/** Outcomes that settle whether the order exists; 'unknown' (a timeout, a 5xx) does not. */
export const SETTLED_STATUSES: ReadonlySet<OutcomeStatus> = new Set(['accepted', 'rejected', 'filled', 'canceled']);

const decimalText = z.string().regex(/^-?\d+(\.\d+)?$/);

const JournalFillSchema = z.object({
  id: z.string(),
  price: decimalText,
  amount: decimalText,
  fee: decimalText.optional(),
  feeCurrency: z.string().optional(),
  timestamp: z.number().int().nonnegative(),
});
export type JournalFill = z.infer<typeof JournalFillSchema>;

const IntentSchema = z.object({
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  type: z.literal('limit'),
  price: decimalText,
  amount: decimalText,
  reason: z.string(),
});

const CLIENT_ORDER_ID = /^[A-Za-z0-9_-]{1,32}$/;

const JournalRecordSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('intent'), time: z.number().int().nonnegative(), clientOrderId: z.string().regex(CLIENT_ORDER_ID), intent: IntentSchema }),
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

export const CLIENT_ORDER_ID_PREFIX = 'qtb';

export interface ClientOrderIdParts {
  /** the strategy run's local date, YYYYMMDD (localDateStamp) */
  runDate: string;
  /** "QRL/USDT" */
  symbol: string;
  side: 'buy' | 'sell';
  /** 1-based position of the order within that run, 1..999 */
  sequence: number;
}

/**
 * `qtb-20261125-qrlusdt-b-001`: the same run (date, symbol, side, sequence)
 * always gives the same id, so a restart regenerates it and finds it in the
 * journal (and MEXC's origClientOrderId lookup) instead of placing it twice.
 * At most 32 characters of [A-Za-z0-9_-] (hummingbot's cap; MEXC rejects odd
 * characters with 700008).
 */
export function clientOrderIdFor(parts: ClientOrderIdParts): string {
  if (!/^\d{8}$/.test(parts.runDate)) throw new RangeError(`runDate must be YYYYMMDD, got "${parts.runDate}"`);
  if (!Number.isInteger(parts.sequence) || parts.sequence < 1 || parts.sequence > 999) throw new RangeError(`sequence must be 1..999, got ${parts.sequence}`);
  const market = parts.symbol.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 12) || 'x';
  const id = `${CLIENT_ORDER_ID_PREFIX}-${parts.runDate}-${market}-${parts.side === 'buy' ? 'b' : 's'}-${String(parts.sequence).padStart(3, '0')}`;
  return id;
}

/** clientOrderIdFor with the run date taken from the run's time in local time */
export function clientOrderIdAt(runTime: number, symbol: string, side: 'buy' | 'sell', sequence: number, utcOffset: UtcOffset = systemUtcOffset): string {
  return clientOrderIdFor({ runDate: localDateStamp(runTime, utcOffset), symbol, side, sequence });
}

export class Journal {
  private readonly entriesById = new Map<string, JournalEntry>();
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
  async recordIntent({ clientOrderId, intent }: { clientOrderId: string; intent: OrderIntent }): Promise<void> {
    if (!CLIENT_ORDER_ID.test(clientOrderId)) throw new RangeError(`clientOrderId must be 1-32 characters of [A-Za-z0-9_-], got "${clientOrderId}"`);
    if (this.entriesById.has(clientOrderId)) throw new DuplicateClientOrderIdError(clientOrderId);
    const record: JournalRecord = { kind: 'intent', time: this.clock.now(), clientOrderId, intent: IntentSchema.parse(intent) };
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

  /** intents whose fate is not settled: no outcome yet, or only 'unknown'. Oldest first. */
  unfinishedIntents(): JournalEntry[] {
    return this.entries().filter((entry) => entry.status === null || !SETTLED_STATUSES.has(entry.status));
  }

  entry(clientOrderId: string): JournalEntry | undefined {
    return this.entriesById.get(clientOrderId);
  }

  /** every intent with its outcomes, oldest first */
  entries(): JournalEntry[] {
    return [...this.entriesById.values()];
  }

  /** orders sent (intents not rejected) since `since` ms: the max-orders-per-day count */
  ordersPlacedSince(since: number): number {
    return this.entries().filter((entry) => entry.time >= since && entry.status !== 'rejected').length;
  }

  private apply(record: JournalRecord): void {
    if (record.kind === 'intent') {
      if (this.entriesById.has(record.clientOrderId)) return; // a replayed duplicate line changes nothing
      this.entriesById.set(record.clientOrderId, { clientOrderId: record.clientOrderId, intent: record.intent, time: record.time, outcomes: [], status: null, orderId: null });
      return;
    }
    const entry = this.entriesById.get(record.clientOrderId);
    if (!entry) return; // an outcome whose intent line was damaged: nothing to attach it to
    const { kind: _kind, clientOrderId: _id, ...outcome } = record;
    entry.outcomes.push(outcome);
    entry.status = record.status;
    if (record.orderId !== undefined) entry.orderId = record.orderId;
  }
}
