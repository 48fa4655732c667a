import { promises as fs } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempFileEachTest } from '../../../test/support/tempFileEachTest';
import { z } from 'zod';
import { FillLog } from './FillLog';

const FillSchema = z.object({ id: z.string(), timestamp: z.number() });
type Fill = z.infer<typeof FillSchema>;
const clock = { now: () => 1_764_000_000_000 };
const file = tempFileEachTest('fill-log-', 'fills.jsonl');
const open = () => FillLog.open<Fill>({ file: file.path, clock, parse: (data) => FillSchema.parse(data), keyOf: (fill) => fill.id });

describe('FillLog', () => {
  it('keeps a fill once by its key, and writes only the kept ones', async () => {
    const log = await open();
    expect(await log.add({ id: 'a', timestamp: 2 })).toBe(true);
    expect(await log.add({ id: 'a', timestamp: 99 })).toBe(false);
    expect(log.has('a')).toBe(true);
    expect(log.has('b')).toBe(false);
    expect(log.fills()).toEqual([{ id: 'a', timestamp: 2 }]);
    expect((await fs.readFile(file.path, 'utf8')).trim().split('\n')).toHaveLength(1);
  });

  it('gives the fills oldest first, whatever order they came in', async () => {
    const log = await open();
    for (const [id, timestamp] of [['c', 30], ['a', 10], ['b', 20]] as const) await log.add({ id, timestamp });
    expect(log.fills().map((fill) => fill.id)).toEqual(['a', 'b', 'c']);
    expect(log.lastTimestamp()).toBe(30);
    expect(log.size).toBe(3);
    expect((await open()).lastTimestamp()).toBe(30);
  });

  it('after a restart knows every stored key, so a fill seen before is not kept again', async () => {
    const first = await open();
    await first.add({ id: 'a', timestamp: 1 });
    await first.add({ id: 'b', timestamp: 2 });
    const reopened = await open();
    expect(reopened.fills()).toEqual([{ id: 'a', timestamp: 1 }, { id: 'b', timestamp: 2 }]);
    expect(await reopened.add({ id: 'b', timestamp: 2 })).toBe(false);
    expect(reopened.problems).toEqual([]);
  });

  it('reports a stored record its schema refuses, and loads the rest', async () => {
    const first = await open();
    await first.add({ id: 'a', timestamp: 1 });
    await fs.appendFile(file.path, '{"crc":"00000000","data":{"id":"b"}}\n');
    const reopened = await open();
    expect(reopened.fills()).toEqual([{ id: 'a', timestamp: 1 }]);
    expect(reopened.problems).toHaveLength(1);
  });

  it('keeps a batch in one line, skipping keys known or repeated in it; a reopen reads batches and single lines alike', async () => {
    const first = await open();
    await first.add({ id: 'a', timestamp: 1 });
    const kept = await first.addAll([{ id: 'a', timestamp: 1 }, { id: 'b', timestamp: 2 }, { id: 'c', timestamp: 3 }, { id: 'b', timestamp: 9 }]);
    expect(kept.map((fill) => fill.id)).toEqual(['b', 'c']);
    expect(await first.addAll([{ id: 'c', timestamp: 3 }])).toEqual([]);
    expect((await fs.readFile(file.path, 'utf8')).trim().split('\n')).toHaveLength(2);
    const reopened = await open();
    expect(reopened.fills()).toEqual([{ id: 'a', timestamp: 1 }, { id: 'b', timestamp: 2 }, { id: 'c', timestamp: 3 }]);
    expect(reopened.problems).toEqual([]);
  });

  it('a batch line cut short by a crash is set aside whole: none of its fills load', async () => {
    const first = await open();
    await first.add({ id: 'a', timestamp: 1 });
    await first.addAll([{ id: 'b', timestamp: 2 }, { id: 'c', timestamp: 3 }]);
    const text = await fs.readFile(file.path, 'utf8');
    await fs.writeFile(file.path, text.slice(0, text.length - 20));
    const reopened = await open();
    expect(reopened.fills()).toEqual([{ id: 'a', timestamp: 1 }]);
    expect(reopened.problems).toHaveLength(1);
  });

  it('two callers adding the same fills at once keep each fill once, on disk too', async () => {
    const log = await open();
    const fills = [{ id: 'a', timestamp: 1 }, { id: 'b', timestamp: 2 }];
    const [first, second] = await Promise.all([log.addAll(fills), log.addAll(fills)]);
    expect([...first, ...second].map((fill) => fill.id).sort()).toEqual(['a', 'b']);
    expect((await fs.readFile(file.path, 'utf8')).trim().split('\n')).toHaveLength(1);
    expect((await open()).fills()).toEqual(fills);
  });
});
