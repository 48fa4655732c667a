import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry, Snapshot } from '../../shared/contract';
import { LAST_SNAPSHOT_FILE } from '../../main/core/bot/LastSnapshotFile';
import { startEngineOnSim, type EngineOnSim } from '../support/engineOnSim';
import { VirtualTime } from '../support/VirtualTime';

const KEYS = { apiKey: 'mx0vWARMSTARTKEY01', secret: 'warm-start-secret-0123456789abcd' };

/** Every snapshot and log line of every engine the helper builds, from before its init. */
function recorder() {
  const snapshots: Snapshot[] = [];
  const logs: LogEntry[] = [];
  return {
    snapshots,
    logs,
    onEngine: (service: EngineOnSim['service']) => {
      snapshots.length = 0;
      service.on('snapshot', (snapshot) => snapshots.push(snapshot));
      service.on('log', (entry) => logs.push(entry));
    },
  };
}

describe('a second start shows the last known price at once (issue 16)', () => {
  let engine: EngineOnSim | null = null;
  afterEach(async () => {
    await engine?.close();
    engine = null;
  });

  it('serves the saved price, stale with its real age, while MEXC fails; fresh data replaces it when MEXC answers', async () => {
    const time = new VirtualTime(Date.UTC(2026, 10, 25, 9));
    const seen = recorder();
    engine = await startEngineOnSim({ time, onEngine: seen.onEngine });
    engine.sim.accounts.addApiKey({ ...KEYS, balances: { USDT: '1000', QRL: '0' } });
    await engine.service.handlers.saveApiKeys(KEYS);
    await time.advance(6_000);
    const before = engine.service.snapshot().market!;
    expect(before.stale).toBe(false);

    engine.sim.faults.inject({ kind: '5xx-before', times: Infinity });
    const answeredBefore = engine.sim.requestLog.filter((r) => r.status === 200).length;
    await time.jump(3 * 60_000); // the app was closed for three minutes
    await engine.restart();

    // The first snapshot of the new engine, before any answer from MEXC: the saved price, stale, as old as it really is.
    expect(engine.sim.requestLog.filter((r) => r.status === 200).length).toBe(answeredBefore);
    expect(seen.snapshots[0]?.market).toEqual({ ...before, stale: true });
    expect(seen.snapshots[0]!.market!.fetchedAt).toBeLessThanOrEqual(time.now() - 3 * 60_000);

    engine.sim.faults.clear();
    await time.advance(2 * 60_000);
    const after = engine.service.snapshot().market!;
    expect(after.stale).toBe(false);
    expect(after.fetchedAt).toBeGreaterThan(before.fetchedAt + 3 * 60_000);
    // With keys saved and balances read, the file still holds market data alone.
    await engine.restart();
    const saved = path.join(engine.dataDir, LAST_SNAPSHOT_FILE);
    const text = readFileSync(saved, 'utf8');
    expect(text).not.toContain(KEYS.apiKey);
    expect(text).not.toContain(KEYS.secret);
  });

  it('a damaged snapshot file is set aside with a logged warning and the start goes on', async () => {
    const time = new VirtualTime(Date.UTC(2026, 10, 25, 9));
    const seen = recorder();
    engine = await startEngineOnSim({ time, onEngine: seen.onEngine });
    await engine.stop();
    writeFileSync(path.join(engine.dataDir, LAST_SNAPSHOT_FILE), '\u0000\u0001 not json');
    await engine.restart({ crash: true });
    expect(seen.logs).toContainEqual(expect.objectContaining({ level: 'warn', message: expect.stringContaining('The last price saved on disk was not used') }));
    expect(readdirSync(engine.dataDir).some((name) => name.startsWith(`${LAST_SNAPSHOT_FILE}.corrupt-`))).toBe(true);
    await time.advance(6_000);
    expect(engine.service.snapshot().market).toMatchObject({ stale: false });
    expect(existsSync(path.join(engine.dataDir, LAST_SNAPSHOT_FILE))).toBe(true);
  });
});
