/**
 * Start-up and memory rows of `npm run bench` (issue 16): the real web host
 * (dist/web/server.mjs, built first) against the MEXC simulator, spawned cold
 * (fresh data folder) and warm (the same folder again), timed from the spawn
 * to the first price on its WebSocket, with its RSS; then the engine's RSS
 * over a simulated week (simulatedWeekRss.ts, on a virtual clock).
 * Alone: `npx tsx test/bench/startup.ts [--run-seconds 40] [--week-days 7] [--repeats 3] [--json]`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerFrame, Snapshot } from '../../shared/contract';
import { startMexcSim } from '../mexc-sim/index';
import { ContractSocket } from '../support/contractSocket';
import { spawnWebServer, WEB_SERVER } from '../support/spawnWebServer';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const WEEK_SCRIPT = path.join(here, 'simulatedWeekRss.ts');
const MB = 1024 * 1024;

export interface StartRun {
  /** spawn → the host prints its address */
  listeningMs: number;
  /** spawn → the first price (a snapshot with a market) on the WebSocket, as getSnapshot's answer or a snapshot event */
  firstPriceMs: number;
  /** that first price was the last one saved on disk, shown stale */
  firstPriceStale: boolean;
  /** spawn → the first fresh price from the exchange */
  firstFreshPriceMs: number;
  rssAtFirstPriceMb: number | null;
  /** the highest RSS sampled (every 500 ms) from the first price to the end of the (first) run */
  rssPeakAfterFirstPriceMb: number | null;
  rssAtEndMb: number | null;
  runSeconds: number;
}

export interface WeekRss {
  days: number;
  /** RSS after each simulated day (day 0: after start-up), MB */
  rssMbPerDay: number[];
  /** heap in use after a full GC, after each simulated day, MB */
  heapUsedMbPerDay: number[];
  wallSeconds: number;
}

export interface StartupReport {
  cold: StartRun;
  warm: StartRun;
  simulatedWeek: WeekRss;
}

/** Linux only (/proc): null elsewhere. */
function rssMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round((Number(match[1]) / 1024) * 10) / 10 : null;
  } catch {
    return null;
  }
}

function hasPrice(frame: ServerFrame): Snapshot | null {
  if (frame.kind === 'event' && frame.event === 'snapshot') return (frame.payload as Snapshot).market ? (frame.payload as Snapshot) : null;
  if (frame.kind === 'result' && frame.id === 1 && frame.result.ok) return (frame.result.value as Snapshot).market ? (frame.result.value as Snapshot) : null;
  return null;
}

/** One spawn of the web host on `dataDir`, watched until `runSeconds` after its first fresh price. */
async function startOnce(dataDir: string, env: NodeJS.ProcessEnv, runSeconds: number): Promise<StartRun> {
  const started = performance.now();
  const run = spawnWebServer(dataDir, env);
  const child = run.child;
  try {
    const url = await run.url;
    const listeningMs = performance.now() - started;
    const socket = await ContractSocket.open(Number(url.port), new URLSearchParams(url.hash.slice(1)).get('token'));
    let firstPrice: { ms: number; stale: boolean; rss: number | null } | null = null;
    let firstFreshMs: number | null = null;
    await new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`no fresh price within 60 s: ${run.stderr()}`)), 60_000);
      const watch = (frame: ServerFrame) => {
        const snapshot = hasPrice(frame);
        if (!snapshot) return;
        const ms = performance.now() - started;
        firstPrice ??= { ms, stale: snapshot.market!.stale, rss: rssMb(child.pid) };
        if (!snapshot.market!.stale && firstFreshMs === null) {
          firstFreshMs = ms;
          clearTimeout(deadline);
          resolve();
        }
      };
      socket.ws.on('message', (data) => watch(JSON.parse(String(data)) as ServerFrame));
      // What the page does first: ask for the snapshot (events carry later changes).
      socket.sendRaw(JSON.stringify({ id: 1, command: 'getSnapshot' }));
    });
    let peak = firstPrice!.rss;
    const samples = setInterval(() => {
      const rss = rssMb(child.pid);
      if (rss !== null) peak = Math.max(peak ?? 0, rss);
    }, 500);
    await new Promise((resolve) => setTimeout(resolve, runSeconds * 1000));
    clearInterval(samples);
    const rssAtEndMb = rssMb(child.pid);
    socket.close();
    return {
      listeningMs: Math.round(listeningMs),
      firstPriceMs: Math.round(firstPrice!.ms),
      firstPriceStale: firstPrice!.stale,
      firstFreshPriceMs: Math.round(firstFreshMs!),
      rssAtFirstPriceMb: firstPrice!.rss,
      rssPeakAfterFirstPriceMb: peak,
      rssAtEndMb,
      runSeconds,
    };
  } finally {
    // SIGTERM: the host closes as on quit (the last snapshot is written then).
    await run.stop();
  }
}

/** The engine on a virtual clock for `days` days, in its own process so its RSS is its own. */
function simulatedWeek(days: number): WeekRss {
  const started = performance.now();
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', WEEK_SCRIPT, String(days)], { cwd: root, encoding: 'utf8', maxBuffer: 16 * MB });
  const rows = out
    .trim()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { day: number; rssMb: number; heapUsedMb: number });
  return { days, rssMbPerDay: rows.map((r) => r.rssMb), heapUsedMbPerDay: rows.map((r) => r.heapUsedMb), wallSeconds: Math.round(performance.now() - started) / 1000 };
}

/** The median of each timing over the runs (the machine is shared: one run is noise); RSS from the first, long run. */
function medianRun(runs: StartRun[]): StartRun {
  const median = (pick: (run: StartRun) => number) => {
    const sorted = runs.map(pick).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  };
  return {
    ...runs[0]!,
    listeningMs: median((r) => r.listeningMs),
    firstPriceMs: median((r) => r.firstPriceMs),
    firstFreshPriceMs: median((r) => r.firstFreshPriceMs),
    firstPriceStale: runs.every((r) => r.firstPriceStale),
  };
}

export async function measureStartup({ runSeconds = 40, weekDays = 7, repeats = 3 } = {}): Promise<StartupReport> {
  // Always the current code: the bench must not time a stale bundle.
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
  if (!existsSync(WEB_SERVER)) throw new Error('dist/web/server.mjs is missing after `npm run build`.');
  const sim = await startMexcSim({ useRealClock: true, startTime: Date.now() });
  // As the app runs on MEXC: REST plus the push streams (here the simulator's).
  const env = { MEXC_BASE_URL: sim.url, MEXC_WS_URL: sim.ws.url };
  const cold: StartRun[] = [];
  const warm: StartRun[] = [];
  try {
    for (let i = 0; i < repeats; i++) {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'qtb-bench-start-'));
      cold.push(await startOnce(dataDir, env, i === 0 ? runSeconds : 2));
      warm.push(await startOnce(dataDir, env, i === 0 ? Math.min(runSeconds, 10) : 2));
      rmSync(dataDir, { recursive: true, force: true });
    }
  } finally {
    await sim.close();
  }
  return { cold: medianRun(cold), warm: medianRun(warm), simulatedWeek: simulatedWeek(weekDays) };
}

export function printStartup(report: StartupReport): void {
  const row = (run: StartRun) => ({
    'listening ms': run.listeningMs,
    'first price ms': run.firstPriceMs,
    'first price was': run.firstPriceStale ? 'stale (disk)' : 'fresh',
    'first fresh price ms': run.firstFreshPriceMs,
    'RSS at first price MB': run.rssAtFirstPriceMb ?? 'n/a',
    'RSS peak after MB': run.rssPeakAfterFirstPriceMb ?? 'n/a',
    'RSS at end MB': run.rssAtEndMb ?? 'n/a',
    'run s': run.runSeconds,
  });
  console.log('\nstart-up: web host process spawned → first price on its WebSocket (simulator, streams on; median of the runs)');
  console.table({ 'cold (fresh data folder)': row(report.cold), 'warm (second start)': row(report.warm) });
  const week = report.simulatedWeek;
  console.log(`engine over a simulated week (${week.wallSeconds.toFixed(0)} s wall): RSS MB per day ${week.rssMbPerDay.join(', ')}; heap used after GC MB ${week.heapUsedMbPerDay.join(', ')}`);
}

const number = (flag: string) => (process.argv.includes(flag) ? Number(process.argv[process.argv.indexOf(flag) + 1]) : undefined);

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const report = await measureStartup({ runSeconds: number('--run-seconds'), weekDays: number('--week-days'), repeats: number('--repeats') });
  printStartup(report);
  if (process.argv.includes('--json')) console.log(JSON.stringify(report));
  process.exit(0);
}
