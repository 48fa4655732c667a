import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BotService } from '../../main/core/bot/BotService';
import { createHostLogger } from '../../main/core/logging/createHostLogger';
import type { SecretEntry } from '../../main/core/secrets/SecretEntry';
import type { SecretStore } from '../../main/core/secrets/SecretStore';
import { startWebHost, type WebHost } from '../../main/web/WebHost';
import { startMexcSim, type MexcSim } from '../mexc-sim/index';
import { MemorySecretEntry } from './MemorySecretEntry';
import { ContractViolations } from './ContractViolations';
import { MemorySecretStore } from './MemorySecretStore';
import type { VirtualTime } from './VirtualTime';
import { BUILT_RENDERER } from './startTestWebHost';

export interface EngineWebHost {
  sim: MexcSim;
  service: BotService;
  host: WebHost;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The whole product as a user meets it through the web host: the real engine
 * (BotService) on real time, talking to the MEXC simulator (following the
 * real clock), serving the built renderer.
 */
export async function startEngineWebHost(
  options: { secretStore?: SecretStore; redisPassword?: SecretEntry; env?: NodeJS.ProcessEnv; time?: VirtualTime; streams?: boolean } = {},
): Promise<EngineWebHost> {
  // Real time for a browser session; a VirtualTime makes engine and simulator share one virtual clock.
  const time = options.time;
  const sim = await startMexcSim(time ? { startTime: time.now() } : { useRealClock: true, startTime: Date.now() });
  time?.onTick((now) => sim.clock.set(now));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'qtb-engine-'));
  const env = options.env ?? {};
  const service = new BotService({
    // As the hosts log: LOG_LEVEL from env, every line also in the data dir's rotating log file.
    logger: createHostLogger({ env, dataDir, clock: time }),
    secretStore: options.secretStore ?? new MemorySecretStore(),
    // Never the OS keychain from a test: a memory entry unless the test passes its own.
    redisPassword: options.redisPassword ?? new MemorySecretEntry(),
    dataDir,
    env,
    exchangeBaseUrl: sim.url,
    // MEXC's WebSocket (the simulator's) only when asked: most suites count REST calls.
    exchangeStreamUrl: options.streams ? sim.ws.url : null,
    clock: time,
    timers: time,
    // On a virtual clock a wait passes virtual time; on real time, backoff waits would only slow the tests down.
    sleep: time ? (ms) => time.sleep(ms) : async () => undefined,
  });
  await service.init();
  const violations = new ContractViolations(service.logger);
  const host = await startWebHost({ service, staticDir: BUILT_RENDERER, reportViolation: violations.report });
  service.logger.redact(host.token);
  return {
    sim,
    service,
    host,
    dataDir,
    close: async () => {
      await host.close();
      await service.close();
      await sim.close();
      // Any answer or event outside the contract fails the suite that caused it.
      violations.assertNone();
    },
  };
}
