import type { AddApiKeyOptions, ApiKey } from './Accounts';
import { ADMIN_PATH } from './adminEndpoint';
import { startAdminServer } from './adminServer';
import type { FaultRule } from './Faults';
import { NO_LATENCY, type LatencyConfig } from './LatencyModel';
import { MARKET_PRESETS, type PresetName } from './presets';
import { createSimServer } from './server';
import { SimState, type RequestLogEntry } from './SimState';
import type { RateLimitMode } from './RateLimiter';
import { VirtualClock } from './VirtualClock';
import { attachWebSocket, type SimWebSocket } from './wsServer';

export interface SimOptions {
  seed: number;
  /** virtual clock start (ms epoch) */
  startTime: number;
  /** follow the real clock instead of the virtual one (standalone runs) */
  useRealClock: boolean;
  port: number;
  rateLimitMode: RateLimitMode;
  rateLimit: { windowMs: number; maxWeight: number };
  enforceRateLimit: boolean;
  banAfterViolations: number;
  banMs: number;
  /** the market's character from `startTime` on (presets.ts); history before it is the same for every preset */
  preset: PresetName;
  /** how long answers take, per endpoint (none by default: tests run on a virtual clock) */
  latency: LatencyConfig;
  /** faults standing from the start (the CLI's --fault) */
  faults: FaultRule[];
  /** the admin endpoint on a port of its own (0: a free one); null: on the sim's port */
  adminPort: number | null;
}

export const DEFAULT_SIM_OPTIONS: SimOptions = {
  seed: 42,
  startTime: Date.UTC(2026, 10, 25, 1, 0, 0),
  useRealClock: false,
  port: 0,
  rateLimitMode: 'shared',
  rateLimit: { windowMs: 10_000, maxWeight: 500 },
  enforceRateLimit: true,
  banAfterViolations: 10,
  banMs: 120_000,
  preset: 'normal',
  latency: NO_LATENCY,
  faults: [],
  adminPort: null,
};

export interface MexcSim {
  /** base URL for ccxt's urls.api.spot.public/private (no /api/v3) */
  url: string;
  /** MEXC's Spot WebSocket on the same port (ccxt's urls.api.ws.spot; `?listenKey=` for user data) */
  ws: SimWebSocket;
  port: number;
  /** the fault admin endpoint (loopback only): GET lists, POST injects, DELETE clears */
  adminUrl: string;
  clock: VirtualClock;
  faults: { inject(rule: FaultRule): void; clear(): void; injected: Map<string, number> };
  accounts: { addApiKey(options: AddApiKeyOptions): ApiKey };
  state: SimState;
  requestLog: RequestLogEntry[];
  close(): Promise<void>;
}

/** Start the simulator on 127.0.0.1 (a free port unless one is given). */
export async function startMexcSim(options: Partial<SimOptions> = {}): Promise<MexcSim> {
  const o = { ...DEFAULT_SIM_OPTIONS, ...options, rateLimit: { ...DEFAULT_SIM_OPTIONS.rateLimit, ...options.rateLimit } };
  const clock = new VirtualClock(o.startTime, o.useRealClock);
  const state = new SimState(
    o.seed,
    clock,
    { ...o.rateLimit, mode: o.rateLimitMode, banAfterViolations: o.banAfterViolations, banMs: o.banMs },
    o.enforceRateLimit,
    { preset: MARKET_PRESETS[o.preset], startTime: o.startTime },
    o.latency,
  );
  for (const rule of o.faults) state.faults.inject(rule);
  const http = createSimServer(state, { admin: o.adminPort === null });
  const port = await http.listen(o.port);
  const url = `http://127.0.0.1:${port}`;
  const ws = attachWebSocket(http.server, state, url);
  const admin = o.adminPort === null ? null : await startAdminServer(state, o.adminPort);
  return {
    url,
    ws,
    port,
    adminUrl: admin?.url ?? `${url}${ADMIN_PATH}`,
    clock,
    faults: state.faults,
    accounts: state.accounts,
    state,
    requestLog: state.requestLog,
    close: async () => {
      state.close();
      await ws.close();
      await http.close();
      await admin?.close();
    },
  };
}

export type { FaultKind, FaultRule } from './Faults';
export type { LatencyConfig, LatencyDistribution } from './LatencyModel';
export { REALISTIC_LATENCY } from './LatencyModel';
export type { PresetName } from './presets';
export { READ_ONLY, TRADING, TRADING_AND_WITHDRAW } from './Accounts';
