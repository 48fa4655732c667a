import { ContractFailure, type BotState } from '../../../shared/contract';

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
