/**
 * Child process of the start-up bench (startup.ts): the engine with a data
 * folder on the MEXC simulator, on a virtual clock, for N simulated days
 * (`node --expose-gc --import tsx test/bench/simulatedWeekRss.ts 7`).
 * Prints one JSON line per day: RSS and the heap in use after a full GC, so
 * growth shows as a rising line rather than hiding in garbage not yet collected.
 */
import { startEngineOnSim } from '../support/engineOnSim';
import { VirtualTime } from '../support/VirtualTime';

const DAY_MS = 86_400_000;
const days = Number(process.argv[2] ?? 7);
const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function report(day: number) {
  // The simulator runs in this process and logs every request it serves: its log is not the engine's memory.
  engine.sim.requestLog.length = 0;
  collect();
  const { rss, heapUsed } = process.memoryUsage();
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  process.stdout.write(`${JSON.stringify({ day, rssMb: mb(rss), heapUsedMb: mb(heapUsed) })}\n`);
}

// The simulator's days with buy signals (2026-11-20..25): the week trades as well as it watches.
const time = new VirtualTime(Date.UTC(2026, 10, 19, 0, 0, 0));
const engine = await startEngineOnSim({ time });
await engine.service.handlers.startBot(undefined);
await time.advance(60_000);
report(0);
for (let day = 1; day <= days; day++) {
  await time.advance(DAY_MS);
  report(day);
}
await engine.close();
process.exit(0);
