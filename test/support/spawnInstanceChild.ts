import { spawn, type ChildProcess } from 'node:child_process';
import { bundleTestScript } from './bundleTestScript';

export interface InstanceChildArgs {
  simUrl: string;
  redisUrl: string;
  apiKey: string;
  secret: string;
  /** share the cache, budget and single-flight through Redis (false: this process's own, as before issue 16) */
  shared: boolean;
  /** the parent sets the time before each `step` (a replayed day); otherwise the real clock */
  drivenClock?: boolean;
  startAt?: number;
}

export type InstanceCommand =
  | { cmd: 'status' }
  /** `concurrency` loops of `read` until `total` reads are done (then it answers) or, without one, until stopBurst */
  | { cmd: 'burst'; read: string; concurrency: number; total?: number }
  | { cmd: 'stopBurst' }
  /** `copies` identical reads at once */
  | { cmd: 'read'; read: string; copies: number }
  /** a replayed day's moment: the clock set to `at`, then these reads in order; answers the error count */
  | { cmd: 'step'; at: number; reads: string[] }
  | { cmd: 'close' };

export interface InstanceStatus {
  mode: 'shared' | 'local';
  localShare: number;
  switches: { toLocal: number; toShared: number };
  instances: number;
  redisUp: boolean;
  /** reads done, by the limiter's mode when they were reserved */
  done: { shared: number; local: number };
  failed: number;
  flights: { led: number; followed: number };
  /** waits asked for (rate limit, backoff) */
  waits: number;
  upstream: number;
}

/** An app instance in a child process (instanceChild.ts, bundled), driven over IPC. */
export class InstanceChild {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private stderr = '';

  private constructor(private readonly child: ChildProcess) {
    child.stderr!.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4_000)));
    child.on('message', (message: { id: number; result?: unknown; error?: string }) => {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.error !== undefined) waiting.reject(new Error(message.error));
      else waiting.resolve(message.result);
    });
    child.on('exit', (code) => {
      for (const waiting of this.pending.values()) waiting.reject(new Error(`instance child exited (${code}): ${this.stderr}`));
      this.pending.clear();
    });
  }

  /** Starts one and resolves once it is connected (to Redis, when shared) and has loaded the markets. */
  static async start(args: InstanceChildArgs): Promise<InstanceChild> {
    const script = await bundleTestScript('test/support/instanceChild.ts');
    const child = spawn(process.execPath, [script, JSON.stringify(args)], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const instance = new InstanceChild(child);
    await new Promise<unknown>((resolve, reject) => instance.pending.set(0, { resolve, reject }));
    return instance;
  }

  send(command: { cmd: 'status' | 'stopBurst' } | Extract<InstanceCommand, { cmd: 'burst' | 'read' }>): Promise<InstanceStatus>;
  send(command: Extract<InstanceCommand, { cmd: 'step' }>): Promise<number>;
  send(command: InstanceCommand): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, command });
    });
  }

  /** Close it (its heartbeat leaves Redis) and wait for the exit; kill it if it does not go. */
  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    const id = this.nextId++;
    this.child.send({ id, command: { cmd: 'close' } });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}

/** Poll (real time, bounded) until every instance's status passes `condition`; the statuses then. */
export async function untilAllInstances(children: InstanceChild[], condition: (status: InstanceStatus) => boolean, what: string, timeoutMs = 30_000): Promise<InstanceStatus[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const statuses = await Promise.all(children.map((child) => child.send({ cmd: 'status' })));
    if (statuses.every(condition)) return statuses;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(statuses)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
