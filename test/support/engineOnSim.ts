import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BotService } from '../../main/core/bot/BotService';
import type { TimerHandle, Timers } from '../../main/core/clock';
import type { UtcOffset } from '../../main/core/trading/localDay';
import { startMexcSim, type MexcSim } from '../mexc-sim/index';
import { MemorySecretEntry } from './MemorySecretEntry';
import { MemorySecretStore } from './MemorySecretStore';
import type { VirtualTime } from './VirtualTime';

/**
 * Timers of one engine instance: a crash takes them with it (a killed
 * process's timers never fire), while the shared virtual clock goes on.
 */
class InstanceTimers implements Timers {
  private readonly handles = new Set<TimerHandle>();
  private dead = false;
  constructor(private readonly time: VirtualTime) {}
  setTimeout(callback: () => void | Promise<void>, delayMs: number): TimerHandle {
    // A fired timer is forgotten: a simulated week of polls must not pile up handles (issue 16).
    const handle = this.time.setTimeout(() => {
      this.handles.delete(handle);
      return this.dead ? undefined : callback();
    }, delayMs);
    if (!this.dead) this.handles.add(handle);
    return handle;
  }
  clearTimeout(handle: TimerHandle): void {
    this.handles.delete(handle);
    this.time.clearTimeout(handle);
  }
  kill(): void {
    this.dead = true;
    for (const handle of this.handles) this.time.clearTimeout(handle);
    this.handles.clear();
  }
}

export interface EngineOnSim {
  sim: MexcSim;
  time: VirtualTime;
  dataDir: string;
  secretStore: MemorySecretStore;
  /** the engine instance now running */
  service: BotService;
  /**
   * A new engine on the same data folder and keychain: `crash` drops the old
   * one where it stands (timers gone, nothing closed or flushed beyond what
   * was already fsync'd), otherwise it is closed as on quit.
   */
  restart(options?: { crash?: boolean }): Promise<BotService>;
  /** drops the engine where it stands (as a crash would), leaving the data folder to another process until `restart` */
  stop(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The engine (BotService) with a data folder, on a virtual clock shared with
 * the MEXC simulator: no web host, no browser. For money-path suites that
 * restart the engine, switch modes and inject the simulator's faults.
 */
export async function startEngineOnSim(options: {
  time: VirtualTime;
  sim?: MexcSim;
  dataDir?: string;
  utcOffset?: UtcOffset;
  /** called with each new engine before it starts, so nothing it says on start-up is missed */
  onEngine?: (service: BotService) => void;
}): Promise<EngineOnSim> {
  const { time } = options;
  const sim = options.sim ?? (await startMexcSim({ startTime: time.now(), enforceRateLimit: false }));
  time.onTick((now) => sim.clock.set(now));
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'qtb-money-'));
  const secretStore = new MemorySecretStore();
  let timers = new InstanceTimers(time);
  const build = async () => {
    const service = new BotService({
      secretStore,
      redisPassword: new MemorySecretEntry(),
      dataDir,
      env: {},
      exchangeBaseUrl: sim.url,
      exchangeStreamUrl: null,
      clock: time,
      timers,
      sleep: (ms) => time.sleep(ms),
      utcOffset: options.utcOffset,
    });
    options.onEngine?.(service);
    await service.init();
    return service;
  };
  const engine: EngineOnSim = {
    sim,
    time,
    dataDir,
    secretStore,
    service: await build(),
    async stop() {
      timers.kill();
    },
    async restart({ crash = false } = {}) {
      if (crash) timers.kill();
      else await engine.service.close();
      timers = new InstanceTimers(time);
      engine.service = await build();
      return engine.service;
    },
    async close() {
      timers.kill();
      await engine.service.close();
      if (!options.sim) await sim.close();
    },
  };
  return engine;
}
