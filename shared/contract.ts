/**
 * The one contract between the engine (main) and the renderer.
 *
 * Every command has a zod schema for its input and its output; every event a
 * schema for its payload. Both transports (Electron IPC and the web host's
 * WebSocket) validate against these schemas at the door, so a handler behind
 * them only ever sees well-typed data.
 */
import { z } from 'zod';

// ── Results and errors ────────────────────────────────────────────────────────

export const errorCodes = [
  'UNKNOWN_COMMAND',
  'INVALID_PAYLOAD',
  'INVALID_STATE',
  'UNAUTHORIZED',
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

export const botStates = ['stopped', 'running', 'paused', 'error'] as const;
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

export const SnapshotSchema = z.object({
  /** grows by one with every snapshot, so a store can drop stale ones */
  version: z.number().int().nonnegative(),
  time: z.number().int().nonnegative(),
  status: BotStatusSchema,
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

export const alertSeverities = ['info', 'warning', 'critical'] as const;
export const AlertSchema = z.object({
  id: z.string(),
  time: z.number().int().nonnegative(),
  severity: z.enum(alertSeverities),
  kind: z.string(),
  message: z.string(),
});
export type Alert = z.infer<typeof AlertSchema>;

export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export const LogEntrySchema = z.object({
  time: z.number().int().nonnegative(),
  level: z.enum(logLevels),
  message: z.string(),
});
export type LogEntry = z.infer<typeof LogEntrySchema>;

// ── Commands (renderer → engine) ──────────────────────────────────────────────

/** Commands without arguments take nothing: `undefined` (IPC and JSON both drop it). */
const NoInput = z.undefined();

export const commands = {
  getSnapshot: { input: NoInput, output: SnapshotSchema },
  startBot: { input: NoInput, output: BotStatusSchema },
  pauseBot: { input: NoInput, output: BotStatusSchema },
  resumeBot: { input: NoInput, output: BotStatusSchema },
  stopBot: { input: NoInput, output: BotStatusSchema },
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
