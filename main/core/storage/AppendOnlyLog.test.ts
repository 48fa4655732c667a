import { promises as fs } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { tempFileEachTest } from '../../../test/support/tempFileEachTest';
import { z } from 'zod';
import { AppendOnlyLog } from './AppendOnlyLog';
import { crc32 } from './crc32';

type Rec = { n: number; note?: string };
const clock = { now: () => 1_764_000_000_000 };
const file = tempFileEachTest('applog-', 'journal.jsonl');
const log = (parse?: (data: unknown) => Rec) => new AppendOnlyLog<Rec>({ file: file.path, clock, ...(parse ? { parse } : {}) });

describe('AppendOnlyLog', () => {
  it('writes one JSON line per record, each with a CRC-32 of its data', async () => {
    const l = log();
    await l.append({ n: 1 });
    const text = await fs.readFile(file.path, 'utf8');
    expect(text).toBe(`{"crc":"${crc32('{"n":1}')}","data":{"n":1}}\n`);
    expect(JSON.parse(text.trim())).toEqual({ crc: crc32('{"n":1}'), data: { n: 1 } });
  });

  it('reads back every record in order after a restart', async () => {
    const l = log();
    await Promise.all([1, 2, 3, 4, 5].map((n) => l.append({ n })));
    expect(await log().open()).toEqual({ records: [1, 2, 3, 4, 5].map((n) => ({ n })), problems: [] });
  });

  it('skips and reports a corrupt middle line, keeping every record before and after it', async () => {
    const l = log();
    for (const n of [1, 2, 3]) await l.append({ n });
    const lines = (await fs.readFile(file.path, 'utf8')).split('\n');
    lines[1] = lines[1]!.replace('"n":2', '"n":7'); // a flipped digit: the checksum no longer matches
    await fs.writeFile(file.path, lines.join('\n'));
    const { records, problems } = await log().open();
    expect(records).toEqual([{ n: 1 }, { n: 3 }]);
    // the damaged line is kept in the file and handed back as it is, so a reader can still learn from it (e.g. ids never to reuse)
    expect(problems).toEqual([{ kind: 'corrupt-line', line: 2, message: 'line 2 skipped: checksum mismatch', text: lines[1] }]);
  });

  it('cuts off a last line truncated by a crash, keeps it aside, and appends cleanly after it', async () => {
    const l = log();
    await l.append({ n: 1 });
    await l.append({ n: 2 });
    const full = await fs.readFile(file.path, 'utf8');
    await fs.writeFile(file.path, full.slice(0, full.length - 9)); // the crash cut the second line short
    const reopened = log();
    const { records, problems } = await reopened.open();
    expect(records).toEqual([{ n: 1 }]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ kind: 'truncated-tail', line: 2 });
    expect(await fs.readFile(`${file.path}.tail-1764000000000`, 'utf8')).toBe(full.split('\n')[1]!.slice(0, -8));
    await reopened.append({ n: 3 });
    expect(await log().open()).toEqual({ records: [{ n: 1 }, { n: 3 }], problems: [] });
  });

  it('after a write that failed part-way (a full disk), the next append starts on a clean line and is kept', async () => {
    const l = log();
    await l.append({ n: 1 });
    const realOpen = fs.open.bind(fs);
    const open = vi.spyOn(fs, 'open').mockImplementationOnce(async (...args: Parameters<typeof fs.open>) => {
      const handle = await realOpen(...args);
      return Object.assign(Object.create(handle) as typeof handle, {
        writeFile: async (text: string) => {
          await handle.writeFile(text.slice(0, 12), 'utf8');
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        },
        close: () => handle.close(),
      });
    });
    await expect(l.append({ n: 2, note: 'cut short' })).rejects.toThrow(/ENOSPC/);
    open.mockRestore();
    await l.append({ n: 3 });
    const { records, problems } = await log().open();
    expect(records).toEqual([{ n: 1 }, { n: 3 }]);
    expect(problems).toEqual([]);
  });

  it('keeps a complete last line that only lost its newline (its checksum proves it whole)', async () => {
    const l = log();
    await l.append({ n: 1 });
    await l.append({ n: 2 });
    await fs.writeFile(file.path, (await fs.readFile(file.path, 'utf8')).slice(0, -1));
    const reopened = log();
    expect((await reopened.open()).records).toEqual([{ n: 1 }, { n: 2 }]);
    await reopened.append({ n: 3 });
    expect((await log().open()).records).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('reports lines that are not log lines or fail the record schema', async () => {
    const l = log();
    await l.append({ n: 1 });
    await l.append({ n: -1 });
    await fs.appendFile(file.path, 'garbage\n');
    const strict = z.object({ n: z.number().nonnegative() });
    const { records, problems } = await log((data) => strict.parse(data)).open();
    expect(records).toEqual([{ n: 1 }]);
    expect(problems.map((p) => [p.kind, p.line])).toEqual([
      ['corrupt-line', 2],
      ['corrupt-line', 3],
    ]);
    expect(problems[0]!.message).toMatch(/invalid record/);
    expect(problems[1]!.message).toMatch(/not a log line/);
  });

  it('appends before open by opening (and repairing) first', async () => {
    await fs.writeFile(file.path, '{"crc":"00000000","da');
    await log().append({ n: 9 });
    expect((await log().open()).records).toEqual([{ n: 9 }]);
  });
});
