/**
 * The one contract between the engine (main) and the renderer.
 *
 * Every command has a zod schema for its input and its output; every event a
 * schema for its payload. Both transports (Electron IPC and the web host's
 * WebSocket) validate against these schemas at the door, both ways: a handler
 * behind them only ever sees well-typed data, and the page only ever sees what
 * the schemas allow (checkCommandResult and checkEventPayload, at the end).
 */
import { z } from 'zod';
import { DecimalStringSchema } from './decimal';
import { SettingsInputSchema, SettingsSchema } from './settings';
import { MAX_TRADE_IMPORT_PARTS, TRADE_IMPORT_PART_CHARS, tradeFileFormats } from './tradeImport';
import { MAX_SWEEP_CELLS, SweepCellSchema, sweepCellCount, sweepGridFields, tooManyCells } from './backtestSweepSchemas';

// ── Results and errors ────────────────────────────────────────────────────────

export const errorCodes = [
  'UNKNOWN_COMMAND',
  'INVALID_PAYLOAD',
  'INVALID_STATE',
  'UNAUTHORIZED',
  'KEYCHAIN_UNAVAILABLE',
  'INTERNAL',
] as const;
export const ErrorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ContractErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
});
export type ContractError = z.infer<typeof ContractErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

/** A thrown error that already knows its contract code (e.g. "bot is not running"). */
export class ContractFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ContractFailure';
  }
}

// ── Domain shapes ─────────────────────────────────────────────────────────────

/** 'stopping': a stop waits for a strategy run in flight to finish before the bot is stopped. */
export const botStates = ['stopped', 'running', 'paused', 'stopping', 'error'] as const;
export const BotStateSchema = z.enum(botStates);
export type BotState = z.infer<typeof BotStateSchema>;

export const tradingModes = ['dry-run', 'live'] as const;
export const TradingModeSchema = z.enum(tradingModes);
export type TradingMode = z.infer<typeof TradingModeSchema>;

export const BotStatusSchema = z.object({
  state: BotStateSchema,
  mode: TradingModeSchema,
  symbol: z.string(),
  /** ms epoch of the last state change */
  since: z.number().int().nonnegative(),
  /** human-readable reason for the current state (e.g. the error that stopped it) */
  reason: z.string().nullable(),
});
export type BotStatus = z.infer<typeof BotStatusSchema>;

/** What the strategy decided on its last run, and why, in words. */
export const DecisionSchema = z.object({
  time: z.number().int().nonnegative(),
  /** 'preview': "Run now" while the bot is not running evaluates the strategy and places nothing */
  action: z.enum(['buy', 'sell', 'hold', 'rejected', 'preview']),
  reason: z.string(),
});
export type Decision = z.infer<typeof DecisionSchema>;

export const breakerStates = ['closed', 'open', 'half-open'] as const;
export const BreakerStateSchema = z.enum(breakerStates);
export type BreakerState = z.infer<typeof BreakerStateSchema>;

const count = z.number().int().nonnegative();

/** How the exchange client is doing: what the API health panel shows. */
export const ApiHealthSchema = z.object({
  breaker: BreakerStateSchema,
  /** 'memory' when no REDIS_URL is set; 'redis-down' while falling back to memory */
  cache: z.enum(['memory', 'redis', 'redis-down']),
  /** MEXC weight used in the current 10 s window, per limit scope */
  weight: z.object({ ip: count, account: count, limit: count, windowMs: count }),
  /** per data type (ticker, ohlcv, …) */
  dataTypes: z.record(
    z.string(),
    z.object({
      hits: count,
      misses: count,
      upstreamCalls: count,
      errors: count,
      /** failed requests a retry recovered: faults the user did not feel, still shown */
      retries: count,
      /** ms epoch of the newest data held, null if none yet */
      fetchedAt: z.number().int().nonnegative().nullable(),
    }),
  ),
  latencyMs: z.object({ p50: z.number().nonnegative(), p99: z.number().nonnegative(), samples: count }),
  lastError: z.string().nullable(),
});
export type ApiHealth = z.infer<typeof ApiHealthSchema>;

// Decimal numbers travel as strings (DecimalStringSchema, shared/decimal.ts) so no float ever rounds a price or amount.
const Decimal = DecimalStringSchema;
const epochMs = z.number().int().nonnegative();
/** A piece of data and how fresh it is: never shown as live when it is not (stale: show it, but badge it). */
const freshness = { fetchedAt: epochMs, stale: z.boolean() };

export const MarketSummarySchema = z.object({
  last: DecimalStringSchema,
  /** 24 h change in percent, e.g. "-2.35" */
  change24hPercent: DecimalStringSchema.nullable(),
  bid: Decimal.nullable(),
  ask: Decimal.nullable(),
  high24h: Decimal.nullable(),
  low24h: Decimal.nullable(),
  /** 24 h volume in the base asset (QRL) */
  volume24h: Decimal.nullable(),
  ...freshness,
});
export type MarketSummary = z.infer<typeof MarketSummarySchema>;

export const alertSeverities = ['info', 'warning', 'critical'] as const;
export const AlertSchema = z.object({
  id: z.string(),
  time: z.number().int().nonnegative(),
  severity: z.enum(alertSeverities),
  kind: z.string(),
  message: z.string(),
});
export type Alert = z.infer<typeof AlertSchema>;

export const OrderBookViewSchema = z.object({
  bids: z.array(z.tuple([Decimal, Decimal])),
  asks: z.array(z.tuple([Decimal, Decimal])),
  ...freshness,
});
export type OrderBookView = z.infer<typeof OrderBookViewSchema>;

export const BalanceSchema = z.object({
  asset: z.string(),
  free: Decimal,
  locked: Decimal,
  /** (free + locked) valued at the last price; null when no price is known */
  valueUsdt: Decimal.nullable(),
});
export const BalancesSchema = z.object({
  /** paper wallet in dry-run, the exchange account in live mode */
  source: z.enum(['paper', 'exchange']),
  assets: z.array(BalanceSchema),
  totalUsdt: Decimal.nullable(),
  ...freshness,
});
export type Balances = z.infer<typeof BalancesSchema>;

export const orderSides = ['buy', 'sell'] as const;
export const OrderSchema = z.object({
  id: z.string(),
  clientOrderId: z.string().nullable(),
  side: z.enum(orderSides),
  type: z.string(),
  price: Decimal.nullable(),
  amount: Decimal,
  filled: Decimal,
  status: z.enum(['open', 'closed', 'canceled', 'rejected', 'unknown']),
  time: epochMs,
  /** a paper order lives only in this app */
  paper: z.boolean(),
  /** false for an order on the account that the bot did not place (e.g. by hand): shown, never counted or touched */
  placedByBot: z.boolean(),
});
export type Order = z.infer<typeof OrderSchema>;

export const FillSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  side: z.enum(orderSides),
  price: Decimal,
  amount: Decimal,
  cost: Decimal,
  fee: Decimal,
  feeAsset: z.string(),
  time: epochMs,
  paper: z.boolean(),
  /** what a sell realized against the average cost, fees counted; null for a buy (issue 17) */
  realizedPnl: Decimal.nullable().optional(),
  /** brought in from a file by the trade import: counts in the position shown, never as the bot's order */
  imported: z.boolean().optional(),
});
export type Fill = z.infer<typeof FillSchema>;

export const PnlSchema = z.object({
  positionAmount: Decimal,
  averageCost: Decimal.nullable(),
  realized: Decimal,
  unrealized: Decimal.nullable(),
});
export type Pnl = z.infer<typeof PnlSchema>;

/**
 * "Why hasn't it bought?" (issue 17): the strategy's rule on the newest daily
 * candle and every check an order would meet, measured by the engine so the
 * page only shows it. Prices are decimal strings at display precision (the
 * strategy compares floats, as pandas does; these are those floats, rounded).
 */
export const WhyNotSchema = z.object({
  /** what the strategy would decide now: 'unknown' without enough daily candles */
  signal: z.enum(['buy', 'hold', 'unknown']),
  /** the strategy's own words */
  reason: z.string(),
  /** the settings the rule ran with: EMA periods and the threshold (close ≤ EMA slow × buyThreshold) */
  params: z.object({ emaFast: count, emaSlow: count, buyThreshold: z.number().positive() }),
  close: Decimal.nullable(),
  emaFast: Decimal.nullable(),
  emaSlow: Decimal.nullable(),
  /** EMA slow × buyThreshold: the highest close that buys */
  threshold: Decimal.nullable(),
  /** close − threshold: how far the close must fall to reach the buy zone; 0 or less: inside it */
  gap: Decimal.nullable(),
  /** the gap as a percentage of the close */
  gapPercent: Decimal.nullable(),
  /** EMA fast ≥ EMA slow: the rule's second condition */
  trendUp: z.boolean().nullable(),
  /** what would refuse a buy right now (the bot's state, pre-trade checks, risk limits); `by`: how far over, in words */
  blockers: z.array(z.object({ code: z.string(), message: z.string(), by: z.string().nullable() })),
  nextRunAt: epochMs.nullable(),
  /** the answer in one short line (the tray's tooltip) */
  summary: z.string(),
});
export type WhyNot = z.infer<typeof WhyNotSchema>;

export const SnapshotSchema = z.object({
  /** grows by one with every snapshot, so a store can drop stale ones */
  version: z.number().int().nonnegative(),
  time: epochMs,
  status: BotStatusSchema,
  /** when the strategy runs next (ms epoch), null while the bot is not running */
  nextRunAt: epochMs.nullable(),
  lastDecision: DecisionSchema.nullable(),
  /** null until the first ticker arrives */
  market: MarketSummarySchema.nullable(),
  orderBook: OrderBookViewSchema.nullable(),
  balances: BalancesSchema.nullable(),
  openOrders: z.array(OrderSchema),
  recentFills: z.array(FillSchema),
  pnl: PnlSchema.nullable(),
  /** newest first, at most 50 */
  alerts: z.array(AlertSchema),
  apiHealth: ApiHealthSchema.nullable(),
  /** null until trading and the daily candles are loaded */
  whyNot: WhyNotSchema.nullable(),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;


export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export const LogEntrySchema = z.object({
  time: z.number().int().nonnegative(),
  level: z.enum(logLevels),
  message: z.string(),
});
export type LogEntry = z.infer<typeof LogEntrySchema>;

/** What the page may know about the saved keys: whether they exist, and a masked key. */
export const ApiKeyStatusSchema = z.object({
  configured: z.boolean(),
  /** e.g. "mx0v…3f9a"; never the whole key, never the secret */
  maskedKey: z.string().nullable(),
});
export type ApiKeyStatus = z.infer<typeof ApiKeyStatusSchema>;

/** Write-only: these travel renderer → engine once, and never come back. */
export const SaveApiKeysInputSchema = z.strictObject({
  apiKey: z
    .string()
    .trim()
    .min(10, 'API key looks too short')
    .max(128, 'API key looks too long')
    .regex(/^[A-Za-z0-9_-]+$/, 'API key may only hold letters, digits, _ and -'),
  secret: z
    .string()
    .trim()
    .min(16, 'secret looks too short')
    .max(128, 'secret looks too long')
    .regex(/^[A-Za-z0-9_-]+$/, 'secret may only hold letters, digits, _ and -'),
});

export const ConnectionTestSchema = z.object({
  /** the exchange answered a signed request with these keys */
  ok: z.boolean(),
  /** the keys may place orders (needed for live mode) */
  canTrade: z.boolean(),
  /** the keys may withdraw funds: the app never needs it, so the page warns (issue 14) */
  canWithdraw: z.boolean(),
  latencyMs: z.number().nonnegative().nullable(),
  message: z.string(),
});
export type ConnectionTest = z.infer<typeof ConnectionTestSchema>;

/** Going live is typed out, not clicked: the user must send exactly this word. */
export const LIVE_CONFIRMATION = 'LIVE';
/**
 * What happens to the bot's open orders in the mode being left: canceled, or
 * kept and still tracked. Required when there are any; the engine refuses the
 * switch (INVALID_STATE) until the user has chosen.
 */
export const openOrdersChoices = ['cancel', 'keep'] as const;
export const OpenOrdersChoiceSchema = z.enum(openOrdersChoices);
export type OpenOrdersChoice = z.infer<typeof OpenOrdersChoiceSchema>;
export const SetModeInputSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('dry-run'), openOrders: OpenOrdersChoiceSchema.optional() }),
  z.strictObject({ mode: z.literal('live'), confirmation: z.literal(LIVE_CONFIRMATION), openOrders: OpenOrdersChoiceSchema.optional() }),
]);

export const chartTimeframes = ['1d', '4h', '1h', '15m'] as const;
export const ChartTimeframeSchema = z.enum(chartTimeframes);
export type ChartTimeframe = z.infer<typeof ChartTimeframeSchema>;
export const CandleSchema = z.object({
  time: epochMs,
  open: Decimal,
  high: Decimal,
  low: Decimal,
  close: Decimal,
  volume: Decimal,
});
export type Candle = z.infer<typeof CandleSchema>;
export const CandlesSchema = z.object({
  timeframe: ChartTimeframeSchema,
  candles: z.array(CandleSchema),
  ...freshness,
});
export type Candles = z.infer<typeof CandlesSchema>;

export const BacktestInputSchema = z.strictObject({
  /** how many daily candles back from today */
  days: z.number().int().min(60).max(3650),
  initialUsdt: Decimal.refine((value) => Number(value) > 0 && Number(value) <= 10_000_000, 'must be above 0 and at most 10,000,000'),
});
export const BacktestTradeSchema = z.object({
  time: epochMs,
  side: z.enum(orderSides),
  price: Decimal,
  amount: Decimal,
  cost: Decimal,
  fee: Decimal,
  reason: z.string(),
});
const EquityPointsSchema = z.array(z.object({ time: epochMs, equityUsdt: Decimal }));
/** A way of spending the same capital over the same days (issue #17): buy-and-hold, daily DCA. */
export const BacktestCurveSchema = z.object({
  finalEquityUsdt: Decimal,
  pnlUsdt: Decimal,
  /** the largest peak-to-trough fall of equity, in percent */
  maxDrawdownPercent: Decimal,
  spentUsdt: Decimal,
  /** QRL held at the end, after fees */
  baseAccumulated: Decimal,
  /** USDT paid per QRL held; null when nothing was bought */
  averageCostUsdt: Decimal.nullable(),
  buys: z.number().int().nonnegative(),
  equity: EquityPointsSchema,
});
export type BacktestCurve = z.infer<typeof BacktestCurveSchema>;
/** The period a backtest really used, and how it filled: said in every result. */
const backtestPeriod = {
  from: epochMs,
  to: epochMs,
  requestedDays: z.number().int().nonnegative(),
  usedDays: z.number().int().nonnegative(),
  /** why fewer days were used than asked (history starts later); null when all were there */
  historyNote: z.string().nullable(),
  /** the daily-candle fill approximation, in words */
  fillModel: z.string(),
};
export const BacktestResultSchema = z.object({
  runId: z.string(),
  ...backtestPeriod,
  trades: z.array(BacktestTradeSchema),
  // the strategy's own curve, as its benchmarks' (its buys are the trades above)
  ...BacktestCurveSchema.omit({ buys: true }).shape,
  benchmarks: z.object({ buyAndHold: BacktestCurveSchema, dailyDca: BacktestCurveSchema }),
});
export type BacktestResult = z.infer<typeof BacktestResultSchema>;

/** The position after a fill (or now, at the last price): one point of the History chart. */
export const PositionPointSchema = z.object({
  time: epochMs,
  positionAmount: Decimal,
  averageCost: Decimal.nullable(),
  realized: Decimal,
  /** the position valued at that fill's price (the last price for now) less its cost */
  unrealized: Decimal,
});
export type PositionPoint = z.infer<typeof PositionPointSchema>;
/** A grid of backtests over the same history; the days and capital as for one backtest. */
export const BacktestSweepInputSchema = z
  .strictObject({ days: BacktestInputSchema.shape.days, initialUsdt: BacktestInputSchema.shape.initialUsdt, ...sweepGridFields })
  .superRefine((grid, ctx) => {
    if (sweepCellCount(grid) > MAX_SWEEP_CELLS) ctx.addIssue({ code: 'custom', message: tooManyCells(sweepCellCount(grid)), path: ['buyThresholds'] });
  });
export const BacktestSweepResultSchema = z.object({
  sweepId: z.string(),
  /** 'canceled': stopped by cancelBacktestSweep; the cells done before are kept */
  status: z.enum(['done', 'canceled']),
  ...backtestPeriod,
  total: z.number().int().nonnegative(),
  cells: z.array(SweepCellSchema),
});
export type BacktestSweepResult = z.infer<typeof BacktestSweepResultSchema>;

/** What getTradeHistory returns: the fills and their PnL (the engine's TradeHistory class computes it). */
export const TradeHistoryViewSchema = z.object({
  fills: z.array(FillSchema),
  pnl: PnlSchema,
  /** oldest first: the position and PnL after each fill, and now */
  timeline: z.array(PositionPointSchema).optional(),
  /** imported trades on file; they count in live mode's history only (they are real trades) */
  importedCount: z.number().int().nonnegative().optional(),
});
export type TradeHistoryView = z.infer<typeof TradeHistoryViewSchema>;

export const CsvExportSchema = z.object({ fileName: z.string(), csv: z.string() });

/**
 * A trade file for importTrades, as text in parts (the web host's frames are
 * small): part 0 starts an upload, the last part imports the whole file.
 */
export const ImportTradesInputSchema = z.strictObject({
  uploadId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8 to 64 letters, digits, _ or -'),
  part: z.number().int().nonnegative().max(MAX_TRADE_IMPORT_PARTS - 1),
  parts: z.number().int().min(1).max(MAX_TRADE_IMPORT_PARTS),
  text: z.string().max(TRADE_IMPORT_PART_CHARS),
});
export type ImportTradesInput = z.infer<typeof ImportTradesInputSchema>;
export const TradeImportResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('receiving'), received: z.number().int().nonnegative() }),
  z.object({
    status: z.literal('imported'),
    format: z.enum(tradeFileFormats),
    /** trades in the file */
    rows: z.number().int().nonnegative(),
    imported: z.number().int().nonnegative(),
    /** already known: imported before, the bot's own fills, or repeated in the file */
    duplicates: z.number().int().nonnegative(),
  }),
]);
export type TradeImportResult = z.infer<typeof TradeImportResultSchema>;

export const views = ['dashboard', 'orders', 'alerts', 'history', 'backtest', 'settings'] as const;
export const ViewSchema = z.enum(views);
export type View = z.infer<typeof ViewSchema>;

// ── Commands (renderer → engine) ──────────────────────────────────────────────

/** Commands without arguments take nothing: `undefined` (IPC and JSON both drop it). */
const NoInput = z.undefined();

export const commands = {
  getSnapshot: { input: NoInput, output: SnapshotSchema },
  startBot: { input: NoInput, output: BotStatusSchema },
  pauseBot: { input: NoInput, output: BotStatusSchema },
  resumeBot: { input: NoInput, output: BotStatusSchema },
  stopBot: { input: NoInput, output: BotStatusSchema },
  /** pause the bot and cancel every open order: the big red button */
  killSwitch: { input: NoInput, output: BotStatusSchema },
  getApiKeyStatus: { input: NoInput, output: ApiKeyStatusSchema },
  saveApiKeys: { input: SaveApiKeysInputSchema, output: ApiKeyStatusSchema },
  clearApiKeys: { input: NoInput, output: ApiKeyStatusSchema },
  testConnection: { input: NoInput, output: ConnectionTestSchema },
  getSettings: { input: NoInput, output: SettingsSchema },
  /** the whole settings object, validated as one: what is saved is what was checked */
  setSettings: { input: SettingsInputSchema, output: SettingsSchema },
  setMode: { input: SetModeInputSchema, output: BotStatusSchema },
  /** run the strategy once now, whatever the schedule */
  runNow: { input: NoInput, output: DecisionSchema },
  cancelOrder: { input: z.strictObject({ id: z.string().min(1).max(100) }), output: OrderSchema },
  cancelAllOrders: { input: NoInput, output: z.object({ canceled: z.number().int().nonnegative() }) },
  getCandles: {
    input: z.strictObject({ timeframe: ChartTimeframeSchema, limit: z.number().int().min(1).max(1000) }),
    output: CandlesSchema,
  },
  runBacktest: { input: BacktestInputSchema, output: BacktestResultSchema },
  /** one sweep at a time: a second while one runs is refused (INVALID_STATE) */
  runBacktestSweep: { input: BacktestSweepInputSchema, output: BacktestSweepResultSchema },
  /** stops the running sweep's worker; its runBacktestSweep answers with status 'canceled' */
  cancelBacktestSweep: { input: NoInput, output: z.object({ canceled: z.boolean() }) },
  getTradeHistory: { input: NoInput, output: TradeHistoryViewSchema },
  exportTrades: { input: NoInput, output: CsvExportSchema },
  /** trade history from a CSV file (this app's export or the original bot's trades): checked whole, duplicates skipped */
  importTrades: { input: ImportTradesInputSchema, output: TradeImportResultSchema },
  resetPaperWallet: { input: z.strictObject({ usdt: BacktestInputSchema.shape.initialUsdt }), output: BalancesSchema },
  /** the user has seen the alerts: clears the tray's alert state */
  acknowledgeAlerts: { input: NoInput, output: z.object({ acknowledged: z.number().int().nonnegative() }) },
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<K extends CommandName> = z.input<Commands[K]['input']>;
export type CommandOutput<K extends CommandName> = z.output<Commands[K]['output']>;
export const commandNames = Object.keys(commands) as CommandName[];

export const isCommandName = (name: unknown): name is CommandName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name);

// ── Events (engine → renderer) ────────────────────────────────────────────────

export const events = {
  snapshot: SnapshotSchema,
  alert: AlertSchema,
  log: LogEntrySchema,
  /** the shell asks the page to show a view (e.g. after a notification click) */
  navigate: z.object({ view: ViewSchema }),
  backtestProgress: z.object({ runId: z.string(), done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
  /** one per finished cell, with the cell, so the heatmap fills in while the sweep runs */
  backtestSweepProgress: z.object({ sweepId: z.string(), done: z.number().int().nonnegative(), total: z.number().int().nonnegative(), cell: SweepCellSchema }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = z.output<Events[K]>;
export const eventNames = Object.keys(events) as EventName[];

// ── The bridge the renderer sees as window.api ────────────────────────────────

export type CommandMethods = {
  [K in CommandName]: (
    ...input: CommandInput<K> extends undefined ? [] : [CommandInput<K>]
  ) => Promise<Result<CommandOutput<K>>>;
};

export type Unsubscribe = () => void;

export interface Api extends CommandMethods {
  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): Unsubscribe;
}

/** What the engine must implement: one plain typed handler per command. */
export type CommandHandlers = {
  [K in CommandName]: (input: z.output<Commands[K]['input']>) => Promise<CommandOutput<K>>;
};

// ── Web transport frames (the WebSocket twin of IPC) ──────────────────────────

export const RequestFrameSchema = z.object({
  id: z.number().int().nonnegative(),
  command: z.string(),
  input: z.unknown().optional(),
});
export type RequestFrame = z.infer<typeof RequestFrameSchema>;

export type ResponseFrame = { kind: 'result'; id: number | null; result: Result<unknown> };
export type EventFrame = { kind: 'event'; event: EventName; payload: unknown };
export type ServerFrame = ResponseFrame | EventFrame;

// ── The outbound door: answers and events are checked before they leave ───────

/**
 * A command's answer, checked against its output schema before either
 * transport sends it: a violation becomes an INTERNAL error and is reported,
 * never sent. What goes out is the parsed value, so a field the contract does
 * not declare never leaves the engine.
 */
export function checkCommandResult(name: string, result: Result<unknown>, report: (problem: string) => void): Result<unknown> {
  if (!result.ok) return result;
  if (!isCommandName(name)) return reportViolation(report, `An answer to the unknown command ${JSON.stringify(name.slice(0, 40))}`, null);
  return checkAgainst(commands[name].output, result.value, `The answer to ${name}`, report);
}

/** An event's payload, checked against its schema before it is sent; a violation is reported and the event dropped. */
export function checkEventPayload(event: EventName, payload: unknown, report: (problem: string) => void): Result<unknown> {
  return checkAgainst(events[event], payload, `The ${event} event`, report);
}

function checkAgainst(schema: z.ZodType, value: unknown, what: string, report: (problem: string) => void): Result<unknown> {
  let parsed: ReturnType<z.ZodType['safeParse']>;
  try {
    parsed = schema.safeParse(value);
  } catch {
    return reportViolation(report, what, 'it could not be read');
  }
  return parsed.success ? ok(parsed.data) : reportViolation(report, what, describeViolation(parsed.error));
}

/** Paths and issue kinds only, never values: a payload may hold anything, a secret included. */
function describeViolation(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'} (${issue.code})`)
    .join(', ');
}

function reportViolation(report: (problem: string) => void, what: string, detail: string | null): Result<never> {
  const message = `${what} breaks the contract${detail ? `: ${detail}` : ''}. This is a bug in the engine; it was logged.`;
  report(message);
  return fail('INTERNAL', message);
}
