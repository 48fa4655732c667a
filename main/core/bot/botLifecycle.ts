import { ContractFailure, type BotState, type BotStatus, type TradingMode } from '../../../shared/contract';
import type { Clock } from '../clock';

/**
 * The bot's lifecycle as one table: which command may run in which state, and
 * where it leads. A state missing from a command's row refuses it with a
 * typed INVALID_STATE that says why. Read top to bottom it is the whole rule book:
 * - "stopping" lasts while a stop waits for a strategy run in flight;
 * - the kill switch works in every state (it cancels the bot's open orders
 *   even while stopped), and leaves a running bot paused;
 * - "Run now" places an order only while running; in any other state it
 *   evaluates the strategy and shows the decision without ordering.
 */
export type LifecycleCommand = 'startBot' | 'pauseBot' | 'resumeBot' | 'stopBot' | 'killSwitch' | 'runNow' | 'setMode';

type Row = Partial<Record<BotState, BotState>>;

export const lifecycleTable: Record<LifecycleCommand, Row> = {
  startBot: { stopped: 'running', error: 'running' },
  pauseBot: { running: 'paused' },
  resumeBot: { paused: 'running' },
  stopBot: { running: 'stopping', paused: 'stopping', error: 'stopped' },
  killSwitch: { stopped: 'stopped', running: 'paused', paused: 'paused', stopping: 'stopping', error: 'paused' },
  runNow: { stopped: 'stopped', running: 'running', paused: 'paused', stopping: 'stopping', error: 'error' },
  setMode: { stopped: 'stopped', running: 'running', paused: 'paused', error: 'error' },
};

/** The state a command leads to, or a typed refusal that says why not. */
export function nextBotState(command: LifecycleCommand, current: BotState): BotState {
  const to = lifecycleTable[command][current];
  if (to !== undefined) return to;
  const verb = command === 'setMode' ? 'switch mode' : command.replace('Bot', '');
  throw new ContractFailure('INVALID_STATE', `Cannot ${verb} while the bot is ${current}${current === 'stopping' ? ': wait for the run in flight to finish' : ''}.`);
}

/** "Run now" orders only from a running bot; anywhere else it previews. */
export function runNowPlacesOrders(state: BotState): boolean {
  return state === 'running';
}

/** The bot's status as it moves through the table: every change goes through here and is announced once. */
export class BotLifecycle {
  private current: BotStatus;

  constructor(
    symbol: string,
    private readonly clock: Clock,
    /** after every state change: reschedule, publish */
    private readonly changed: () => void,
  ) {
    // Dry-run is the default: live trading is only ever an explicit choice.
    this.current = { state: 'stopped', mode: 'dry-run', symbol, since: clock.now(), reason: null };
  }

  /** a copy: callers cannot change the status behind the table's back */
  get status(): BotStatus {
    return { ...this.current };
  }

  get state(): BotState {
    return this.current.state;
  }

  get mode(): TradingMode {
    return this.current.mode;
  }

  /** Refuses (typed) if `command` is not allowed now; changes nothing. */
  check(command: LifecycleCommand): void {
    nextBotState(command, this.current.state);
  }

  /** Moves by the table (or refuses), and returns the new status. */
  transition(command: LifecycleCommand, reason: string | null = null): BotStatus {
    this.settle(nextBotState(command, this.current.state), reason);
    return this.status;
  }

  /** Where a "stopping" ends once the run in flight has finished. */
  settle(state: BotState, reason: string | null): void {
    if (state !== this.current.state || reason !== null) this.current = { ...this.current, state, since: this.clock.now(), reason };
    this.changed();
  }

  /** The mode changes; the state does not (the caller checked `setMode` first). */
  switchMode(mode: TradingMode, reason: string | null): void {
    this.current = { ...this.current, mode, since: this.clock.now(), reason };
  }
}
