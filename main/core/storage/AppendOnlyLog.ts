import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Clock } from '../clock';
import { SerialQueue } from '../SerialQueue';
import { syncDirectory } from './atomicWriteFile';
import { crc32 } from './crc32';

/**
 * Records as JSON lines, one per line, each carrying a CRC-32 of its own data:
 *
 *   {"crc":"1c291ca3","data":{"kind":"intent",…}}
 *
 * The checksum covers the exact bytes of `data` as written, so a line damaged
 * by a crash, a bad sector or a hand edit is detected, not half-believed.
 * `append` resolves only after the line is fsync'd: a record is "confirmed"
 * once append has resolved, and nothing that follows can lose it.
 *
 * On open:
 * - a damaged line in the middle is skipped and reported; every record before
 *   and after it is kept, and the line stays in the file (history is never
 *   rewritten);
 * - a last line cut short by a crash (no newline, checksum fails) was never
 *   confirmed: it is copied to `<file>.tail-<ms>`, cut off, and reported, so
 *   the next append starts on a clean line.
 */
export interface LogProblem {
  kind: 'corrupt-line' | 'truncated-tail';
  /** 1-based line number in the file */
  line: number;
  message: string;
  /** the damaged line as it is on disk: a reader may still learn from it (e.g. ids it must not reuse); never shown */
  text: string;
}

export interface LogOpenResult<T> {
  records: T[];
  problems: LogProblem[];
}

export interface AppendOnlyLogOptions<T> {
  file: string;
  clock: Clock;
  /** validates one record's data; throw to mark the line corrupt (e.g. a zod schema's parse) */
  parse?: (data: unknown) => T;
}

const LINE = /^\{"crc":"([0-9a-f]{8})","data":(.*)\}$/s;

export class AppendOnlyLog<T> {
  private opened = false;
  private readonly turns = new SerialQueue();

  constructor(private readonly options: AppendOnlyLogOptions<T>) {}

  get file(): string {
    return this.options.file;
  }

  /** Reads every record, repairs a cut-off tail, and readies the log for appends. */
  async open(): Promise<LogOpenResult<T>> {
    return this.turns.run(() => this.readAndRepair());
  }

  /** Appends one record and fsyncs it before resolving. Appends are written one at a time, in call order. */
  async append(record: T): Promise<void> {
    const data = JSON.stringify(record);
    if (data === undefined) throw new TypeError('record is not JSON-serializable');
    const line = `{"crc":"${crc32(data)}","data":${data}}\n`;
    await this.turns.run(async () => {
      if (!this.opened) await this.readAndRepair();
      try {
        const handle = await fs.open(this.options.file, 'a', 0o600);
        try {
          await handle.writeFile(line, 'utf8');
          await handle.sync();
        } finally {
          await handle.close();
        }
      } catch (error) {
        // Part of the line may be on disk (a full disk, an I/O error): the next append repairs the tail first,
        // or its line would be glued to this one's remains and lost on the next start.
        this.opened = false;
        throw error;
      }
    });
  }

  private async readAndRepair(): Promise<LogOpenResult<T>> {
    const { file } = this.options;
    await fs.mkdir(path.dirname(file), { recursive: true });
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const handle = await fs.open(file, 'a', 0o600);
      await handle.close();
      await syncDirectory(path.dirname(file));
      this.opened = true;
      return { records: [], problems: [] };
    }

    const records: T[] = [];
    const problems: LogProblem[] = [];
    const lines = text.split('\n');
    const tail = lines.pop()!; // text after the last newline: '' when the file ends cleanly
    lines.forEach((line, index) => {
      if (line === '') return;
      const result = this.decode(line);
      if (result.ok) records.push(result.record);
      else problems.push({ kind: 'corrupt-line', line: index + 1, message: `line ${index + 1} skipped: ${result.problem}`, text: line });
    });

    if (tail !== '') {
      const result = this.decode(tail);
      const keepFrom = Buffer.byteLength(text, 'utf8') - Buffer.byteLength(tail, 'utf8');
      if (result.ok) {
        // The whole line reached the disk, only its newline did not: keep it, finish the line.
        records.push(result.record);
        await fs.appendFile(file, '\n');
      } else {
        const aside = `${file}.tail-${this.options.clock.now()}`;
        await fs.writeFile(aside, tail, { mode: 0o600 });
        await fs.truncate(file, keepFrom);
        problems.push({
          kind: 'truncated-tail',
          line: lines.length + 1,
          message: `the last line was cut short (${result.problem}), most likely by a crash while writing; it was never confirmed, and was kept as ${path.basename(aside)}`,
          text: tail,
        });
      }
      const handle = await fs.open(file, 'r+');
      await handle.sync();
      await handle.close();
    }
    this.opened = true;
    return { records, problems };
  }

  private decode(line: string): { ok: true; record: T } | { ok: false; problem: string } {
    const match = LINE.exec(line);
    if (!match) return { ok: false, problem: 'not a log line' };
    const [, crc, data] = match;
    if (crc32(data!) !== crc) return { ok: false, problem: 'checksum mismatch' };
    let parsed: unknown;
    try {
      parsed = JSON.parse(data!);
    } catch (error) {
      return { ok: false, problem: `not JSON: ${(error as Error).message}` };
    }
    if (!this.options.parse) return { ok: true, record: parsed as T };
    try {
      return { ok: true, record: this.options.parse(parsed) };
    } catch (error) {
      return { ok: false, problem: `invalid record: ${(error as Error).message.slice(0, 200)}` };
    }
  }
}
