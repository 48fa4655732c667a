import { ContractFailure, type BotState } from '../../../shared/contract';

export type LifecycleCommand = 'startBot' | 'pauseBot' | 'resumeBot' | 'stopBot' | 'killSwitch';

/** Which state each lifecycle command may start from, and where it leads. */
const transitions: Record<LifecycleCommand, { from: BotState[]; to: BotState }> = {
  startBot: { from: ['stopped', 'error'], to: 'running' },
  pauseBot: { from: ['running'], to: 'paused' },
  resumeBot: { from: ['paused'], to: 'running' },
  stopBot: { from: ['running', 'paused', 'error'], to: 'stopped' },
  killSwitch: { from: ['running', 'paused', 'error'], to: 'paused' },
};

/** The state a command leads to, or a typed refusal that says why not. */
export function nextBotState(command: LifecycleCommand, current: BotState): BotState {
  const { from, to } = transitions[command];
  if (from.includes(current)) return to;
  throw new ContractFailure(
    'INVALID_STATE',
    command === 'killSwitch'
      ? `The kill switch is for a bot that is running or paused; it is ${current}.`
      : `Cannot ${command.replace('Bot', '')} the bot while it is ${current}.`,
  );
}
