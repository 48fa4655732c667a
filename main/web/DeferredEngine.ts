import { EventEmitter } from 'node:events';
import { commands, eventNames, type CommandHandlers, type CommandName, type EventName, type EventPayload, type Snapshot } from '../../shared/contract';
import type { Logger } from '../core/logging/Logger';
import type { ContractProvider } from './WebHost';

/** What the host needs of the loaded engine (BotService): its contract, and its snapshot at any moment. */
export interface LoadedEngine extends ContractProvider {
  snapshot(): Snapshot;
}

export interface DeferredEngineOptions {
  /** what getSnapshot answers before the engine exists: the last known price from disk, stale */
  placeholder: () => Snapshot;
  logger: Pick<Logger, 'warn' | 'error'>;
}

/**
 * Stands in for the engine while it loads (ccxt alone takes most of a
 * second), so the host can listen and show the last known price at once
 * (issue 16). getSnapshot answers from the placeholder until the engine is
 * there, then from the engine, even before its init has finished; every
 * other command waits for the engine's init, as it did behind the host's
 * `ready`. Events are forwarded once the engine is attached.
 */
export class DeferredEngine implements ContractProvider {
  readonly handlers: CommandHandlers;
  readonly logger: Pick<Logger, 'warn' | 'error'>;
  private readonly emitter = new EventEmitter();
  private engine: LoadedEngine | null = null;
  private readonly initialized: Promise<LoadedEngine>;
  private settle!: { resolve: (engine: LoadedEngine) => void; reject: (error: unknown) => void };
  private placeholderAnswered!: () => void;
  /** resolves once getSnapshot has answered from the placeholder (a page is showing the last known price) */
  readonly placeholderServed = new Promise<void>((resolve) => (this.placeholderAnswered = resolve));

  constructor(private readonly options: DeferredEngineOptions) {
    this.logger = options.logger;
    this.initialized = new Promise<LoadedEngine>((resolve, reject) => (this.settle = { resolve, reject }));
    // Commands see a failed start as their own error; the host reports it once, elsewhere.
    this.initialized.catch(() => undefined);
    const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const name of Object.keys(commands) as CommandName[]) {
      handlers[name] = name === 'getSnapshot' ? async () => this.snapshot() : async (input) => this.forward(name, input);
    }
    this.handlers = handlers as CommandHandlers;
  }

  /** The engine is built: its events flow from now on; commands other than getSnapshot wait for `init`. */
  attach(engine: LoadedEngine, init: Promise<unknown>): void {
    this.engine = engine;
    for (const event of eventNames) engine.on(event, (payload) => this.emitter.emit(event, payload));
    init.then(
      () => this.settle.resolve(engine),
      (error: unknown) => this.settle.reject(error),
    );
  }

  /** The engine could not be loaded at all: commands answer with this error. */
  fail(error: unknown): void {
    this.settle.reject(error);
  }

  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  private snapshot(): Snapshot {
    if (this.engine) return this.engine.snapshot();
    const snapshot = this.options.placeholder();
    this.placeholderAnswered();
    return snapshot;
  }

  private async forward(name: CommandName, input: unknown): Promise<unknown> {
    const engine = await this.initialized;
    return (engine.handlers[name] as (input: unknown) => Promise<unknown>)(input);
  }
}
