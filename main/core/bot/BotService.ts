import { EventEmitter } from 'node:events';
import {
  ContractFailure,
  type BotState,
  type BotStatus,
  type CommandHandlers,
  type EventName,
  type EventPayload,
  type Snapshot,
  type TradingMode,
} from '../../../shared/contract';
import { systemClock, type Clock } from '../clock';
import { DEFAULT_SYMBOL } from '../defaults';

export interface BotServiceOptions {
  clock?: Clock;
  symbol?: string;
}

type Listener<K extends EventName> = (payload: EventPayload<K>) => void;

/** Which state each lifecycle command may start from, and where it leads. */
const transitions: Record<'startBot' | 'pauseBot' | 'resumeBot' | 'stopBot', { from: BotState[]; to: BotState }> = {
  startBot: { from: ['stopped', 'error'], to: 'running' },
  pauseBot: { from: ['running'], to: 'paused' },
  resumeBot: { from: ['paused'], to: 'running' },
  stopBot: { from: ['running', 'paused', 'error'], to: 'stopped' },
};

/**
 * The engine's whole API: implements every command of shared/contract.ts and
 * publishes its events. Transports (IPC, WebSocket) only validate and forward.
 */
export class BotService {
  private readonly clock: Clock;
  private readonly emitter = new EventEmitter();
  private status: BotStatus;
  private version = 0;

  constructor(options: BotServiceOptions = {}) {
    this.clock = options.clock ?? systemClock;
    // Dry-run is the default: live trading is only ever an explicit choice.
    const mode: TradingMode = 'dry-run';
    this.status = {
      state: 'stopped',
      mode,
      symbol: options.symbol ?? DEFAULT_SYMBOL,
      since: this.clock.now(),
      reason: null,
    };
  }

  readonly handlers: CommandHandlers = {
    getSnapshot: async () => this.snapshot(),
    startBot: async () => this.transition('startBot'),
    pauseBot: async () => this.transition('pauseBot'),
    resumeBot: async () => this.transition('resumeBot'),
    stopBot: async () => this.transition('stopBot'),
  };

  on<K extends EventName>(event: K, listener: Listener<K>): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  snapshot(): Snapshot {
    return { version: this.version, time: this.clock.now(), status: { ...this.status } };
  }

  private transition(command: keyof typeof transitions): BotStatus {
    const { from, to } = transitions[command];
    if (!from.includes(this.status.state)) {
      throw new ContractFailure(
        'INVALID_STATE',
        `Cannot ${command.replace('Bot', '')} the bot while it is ${this.status.state}.`,
      );
    }
    this.status = { ...this.status, state: to, since: this.clock.now(), reason: null };
    this.publishSnapshot();
    return { ...this.status };
  }

  private publishSnapshot(): void {
    this.version += 1;
    this.emit('snapshot', this.snapshot());
  }

  private emit<K extends EventName>(event: K, payload: EventPayload<K>): void {
    this.emitter.emit(event, payload);
  }
}
