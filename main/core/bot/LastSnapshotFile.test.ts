import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { sampleMarket, sampleSnapshot } from '../../../test/support/sampleSnapshot';
import { VirtualTime } from '../../../test/support/VirtualTime';
import { LAST_SNAPSHOT_FILE, LAST_SNAPSHOT_WRITE_INTERVAL_MS, LastSnapshotFile } from './LastSnapshotFile';

const START = Date.UTC(2026, 10, 25, 9);

describe('the last snapshot on disk (issue 16)', () => {
  let dataDir: string;
  let time: VirtualTime;
  let warnings: string[];
  const open = (symbol = 'QRL/USDT') => new LastSnapshotFile({ dataDir, symbol, clock: time, timers: time, logger: { warn: (message) => warnings.push(message) } });
  const fresh = (last: string) =>
    sampleSnapshot({
      market: { ...sampleMarket(last), fetchedAt: time.now() },
      orderBook: { bids: [['0.2000', '10.00']], asks: [['0.2010', '5.00']], fetchedAt: time.now(), stale: false },
      balances: { fetchedAt: time.now(), stale: false, source: 'exchange', assets: [{ asset: 'USDT', free: '1234.5', locked: '0', valueUsdt: '1234.5' }], totalUsdt: '1234.5' },
    });

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'qtb-last-'));
    time = new VirtualTime(START);
    warnings = [];
  });

  it('round-trips the last fresh price and book, read back stale with the time they were fetched', async () => {
    const file = open();
    file.remember(fresh('0.2005'));
    await time.advance(0);
    await file.flush();
    time = new VirtualTime(START + 3 * 60_000);
    const loaded = await open().load();
    expect(loaded?.market).toMatchObject({ last: '0.2005', fetchedAt: START, stale: true });
    expect(loaded?.orderBook).toMatchObject({ bids: [['0.2000', '10.00']], fetchedAt: START, stale: true });
    expect(warnings).toEqual([]);
  });

  it('writes at once, then at most once per interval, and what is pending on close', async () => {
    const file = open();
    const saved = () => JSON.parse(readFileSync(file.file, 'utf8')).market.last as string;
    file.remember(fresh('0.2001'));
    await time.advance(0);
    expect(saved()).toBe('0.2001');
    await time.advance(1_000);
    file.remember(fresh('0.2002'));
    await time.advance(LAST_SNAPSHOT_WRITE_INTERVAL_MS / 2);
    expect(saved()).toBe('0.2001');
    await time.advance(LAST_SNAPSHOT_WRITE_INTERVAL_MS / 2);
    expect(saved()).toBe('0.2002');
    file.remember(fresh('0.2003'));
    await file.flush();
    expect(saved()).toBe('0.2003');
  });

  it('never overwrites a saved price with stale data or none', async () => {
    const file = open();
    file.remember(fresh('0.2001'));
    await file.flush();
    file.remember(sampleSnapshot({ market: { ...sampleMarket('0.1000', true), fetchedAt: time.now() } }));
    file.remember(sampleSnapshot({ market: null }));
    await file.flush();
    expect((await open().load())?.market.last).toBe('0.2001');
  });

  it('keeps public market data only: no balances, orders or keys in the file', async () => {
    const file = open();
    file.remember(fresh('0.2001'));
    await file.flush();
    const text = readFileSync(file.file, 'utf8');
    expect(Object.keys(JSON.parse(text)).sort()).toEqual(['market', 'orderBook', 'savedAt', 'symbol']);
    expect(text).not.toContain('1234.5');
    expect(text).not.toMatch(/apiKey|secret|mx0v/i);
  });

  it('sets a damaged file aside with a warning and starts without it', async () => {
    writeFileSync(path.join(dataDir, LAST_SNAPSHOT_FILE), '{"symbol":"QRL/USDT","market":');
    expect(await open().load()).toBeNull();
    expect(warnings).toEqual([expect.stringContaining('The last price saved on disk was not used')]);
    expect(readdirSync(dataDir).some((name) => name.startsWith(`${LAST_SNAPSHOT_FILE}.corrupt-`))).toBe(true);
    expect(existsSync(path.join(dataDir, LAST_SNAPSHOT_FILE))).toBe(false);
  });

  it('refuses a file with fields it does not know, and one for another symbol', async () => {
    const file = open();
    file.remember(fresh('0.2001'));
    await file.flush();
    expect(await open('BTC/USDT').load()).toBeNull();
    const saved = JSON.parse(readFileSync(file.file, 'utf8'));
    writeFileSync(file.file, JSON.stringify({ ...saved, balances: [] }));
    expect(await open().load()).toBeNull();
    expect(warnings).toEqual([expect.stringContaining('balances')]);
  });

  it('a write that fails is a warning, never an error', async () => {
    const file = new LastSnapshotFile({ dataDir: path.join(dataDir, LAST_SNAPSHOT_FILE, 'nested'), symbol: 'QRL/USDT', clock: time, timers: time, logger: { warn: (m) => warnings.push(m) } });
    writeFileSync(path.join(dataDir, LAST_SNAPSHOT_FILE), 'a file where a folder should be');
    file.remember(fresh('0.2001'));
    await expect(file.flush()).resolves.toBeUndefined();
    expect(warnings).toEqual([expect.stringContaining('Could not save the last price')]);
  });
});
